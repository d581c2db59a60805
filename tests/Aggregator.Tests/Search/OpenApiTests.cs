using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aggregator.Search;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Search;

public sealed partial class OpenApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    JobsHost host = null!;

    public async ValueTask InitializeAsync() => host = await JobsHost.StartAsync(postgres);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryEndpointAndTheSearchParameters()
    {
        var document = await host.JsonAsync("/openapi/v1.json");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/jobs", "/api/jobs/{id}", "/api/jurisdictions", "/api/sources", "/feeds/jobs.atom", "/feeds/jobs.rss",
                     "/feeds/jobs.json", "/feeds/roles/{slug}.atom", "/feeds/jurisdictions/{id}.atom", "/feeds/deadlines.ics", "/feeds.opml", "/api/trends", "/api/changes" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        var parameters = paths.GetProperty("/api/jobs").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equivalent(new[] { "q", "role", "family", "digital", "level", "jurisdiction", "region", "country", "remote", "salary_min",
            "posted_within", "closing_within", "source", "continuous", "open_to_public", "open_on", "limit", "cursor", "sort" }, parameters, strict: true);
    }

    [Fact]
    public async Task AnOpenApiDocumentWeDoNotPublishIsAProblem404()
    {
        using var response = await host.Client.GetAsync("/openapi/v2.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/jobs", "api")]
    [InlineData("/feeds/jobs.atom", "feed")]
    [InlineData("/feeds/jobs.json", "feed")]
    [InlineData("/feeds/roles/{slug}.rss", "feed")]
    [InlineData("/feeds/jurisdictions/{id}.atom", "feed")]
    [InlineData("/feeds/deadlines.ics", "calendar")]
    public async Task EveryEndpointTakingTheJobQueryDocumentsExactlyTheParametersItAccepts(string path, string kind)
    {
        var rules = kind switch { "api" => JobQueryRules.Api, "feed" => JobQueryRules.Feed, _ => JobQueryRules.Calendar };
        var document = await host.JsonAsync("/openapi/v1.json");
        var parameters = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query").ToList();

        Assert.Equal(SearchParameters.Accepted(rules).Select(p => p.Name), parameters.Select(p => p.GetProperty("name").GetString()));
        var limit = parameters.Single(p => p.GetProperty("name").GetString() == "limit");
        Assert.Equal($"Page size: 1–{rules.MaxLimit}, default {rules.DefaultLimit}.", limit.GetProperty("description").GetString());
        Assert.Equal("array", parameters.Single(p => p.GetProperty("name").GetString() == "role").GetProperty("schema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task TheParserAcceptsEveryDocumentedParameterAndNamesThemWhenRefusingAnother()
    {
        using var response = await host.Client.GetAsync("/api/jobs?colour=blue");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = problem.RootElement.GetProperty("errors").GetProperty("colour")[0].GetString()!;

        Assert.Equal($"Unknown parameter. Known parameters: {string.Join(", ", SearchParameters.All.Select(p => p.Name).Order(StringComparer.Ordinal))}.", message);
    }

    [Fact]
    public async Task TheReferencePageWorksOfflineFromAssetsTheServiceServes()
    {
        using var page = await host.Client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();

        Assert.DoesNotMatch(ExternalAsset(), html);
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            using var asset = await host.Client.GetAsync(new Uri(new Uri(host.Web.Address, "/scalar/v1"), script));
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.True((await asset.Content.ReadAsByteArrayAsync()).Length > 1000, script);
        }
    }

    [GeneratedRegex("""(src|href)\s*=\s*["']https?://""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalAsset();

    [GeneratedRegex("""<script[^>]*src\s*=\s*["']([^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
