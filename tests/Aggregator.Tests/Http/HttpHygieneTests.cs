using System.Net;
using System.Text.Json;
using Aggregator.Http;
using Aggregator.Postings;
using Aggregator.Tests.Support;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Http;

/// <summary>HEAD, bounded requests, bounded errors, problem bodies for every error, and a bounded cache.</summary>
public sealed class HttpHygieneTests(PostgresFixture postgres) : IAsyncLifetime
{
    JobsHost host = null!;
    long jobId;

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres, new() { ["Feeds:CacheSeconds"] = "300", ["Feeds:CacheMegabytes"] = "8" });
        await host.SourceAsync("us-md-baltimore", "Baltimore City", region: "US-MD");
        await host.UpsertAsync("us-md-baltimore",
            JobsHost.Job("us-md-baltimore", "B-1", "Python Developer", postedDaysAgo: 1),
            JobsHost.Job("us-md-baltimore", "B-2", "Data Engineer", postedDaysAgo: 2, role: "data-engineering"));
        jobId = await host.ScalarAsync<long>("select min(id) from jobs");
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    static readonly string[] SameHeaders = ["Cache-Control", "ETag", "Last-Modified", "Link", "Vary", "Access-Control-Allow-Origin", "Retry-After"];

    [Fact]
    public async Task EveryGetAddressAnswersHeadWithTheHeadersOfGetAndNoBody()
    {
        foreach (var path in new[] { "/", "/feeds/jobs.atom?limit=1", "/feeds/jobs.rss", "/feeds/jobs.json", "/feeds/roles/software-engineering.atom",
                     "/feeds/jurisdictions/baltimore-city.atom", "/feeds/deadlines.ics", "/feeds.opml", "/api/jobs?limit=1", $"/api/jobs/{jobId}",
                     "/api/jurisdictions", "/api/sources", "/api/roles", "/openapi/v1.json", "/scalar/v1", "/health", "/health/live", "/health/ready" })
        {
            HttpRequestMessage Request(HttpMethod method) => new(method, path) { Headers = { { "Origin", "https://coalition.example" }, { "Accept-Encoding", "gzip" } } };
            using var get = await host.Client.SendAsync(Request(HttpMethod.Get));
            using var head = await host.Client.SendAsync(Request(HttpMethod.Head));

            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {path}: {(int)head.StatusCode}");
            Assert.Equal(get.StatusCode, head.StatusCode);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
            Assert.Equal(get.Content.Headers.ContentEncoding, head.Content.Headers.ContentEncoding);
            foreach (var name in SameHeaders)
                Assert.True(Values(get, name) == Values(head, name), $"{path} {name}: GET {Values(get, name)}, HEAD {Values(head, name)}");
        }
    }

    static string Values(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : "";

    [Theory]
    [InlineData("GET", "/nowhere", "", 404)]
    [InlineData("POST", "/feeds/jobs.atom", "", 405)]
    [InlineData("GET", "/api/classify", "", 405)]
    [InlineData("GET", "/api/jobs?q=", "long", 414)]
    [InlineData("GET", "/api/jobs", "header", 431)]
    [InlineData("GET", "/api/jobs?", "parameters", 400)]
    public async Task EveryErrorTheFrameworkAnswersHasAProblemBodyWhateverTheClientAccepts(string method, string path, string oversize, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), oversize switch
        {
            "long" => path + new string('a', RequestLimits.MaxTargetLength),
            "parameters" => path + string.Join("&", Enumerable.Range(0, RequestLimits.MaxQueryParameters + 1).Select(i => $"role=r{i}")),
            _ => path,
        });
        request.Headers.Add("Accept", "application/atom+xml");
        if (oversize == "header")
            request.Headers.Add("X-Filler", new string('x', RequestLimits.MaxHeaderBytes));

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        if (status == 405)
            Assert.Contains(method == "POST" ? "GET" : "POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task AnErrorEchoesABoundedPartOfWhatItRefuses()
    {
        var manyUnknown = string.Join("&", Enumerable.Range(0, 60).Select(i => $"unknown{i:D2}{new string('x', 50)}=1"));
        var manyValues = "role=" + string.Join(",", Enumerable.Range(0, 700).Select(i => $"r{i}"));
        var sevenKilobytes = string.Join("&", Enumerable.Range(0, 500).Select(i => $"p{i:D4}=1234567"));

        using var unknown = await host.Client.GetAsync("/api/jobs?" + manyUnknown);
        using var values = await host.Client.GetAsync("/feeds/jobs.atom?" + manyValues);
        using var tooLong = await host.Client.GetAsync("/api/jobs?" + sevenKilobytes);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var unknownBody = await unknown.Content.ReadAsStringAsync();
        Assert.True(unknownBody.Length < 4096, $"{unknownBody.Length} characters");
        Assert.Equal(5, JsonDocument.Parse(unknownBody).RootElement.GetProperty("errors").EnumerateObject().Count());
        Assert.Contains("55 more unknown parameters", unknownBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, values.StatusCode);
        var valuesBody = await values.Content.ReadAsStringAsync();
        Assert.True(valuesBody.Length < 1024, $"{valuesBody.Length} characters");
        Assert.Contains("At most 50 values; got 700.", valuesBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong.StatusCode);
        Assert.True((await tooLong.Content.ReadAsStringAsync()).Length < 1024);
    }

    [Fact]
    public async Task TheCacheIsBoundedAndKeepsOnlyAnswersLikelyToBeAskedAgain()
    {
        var options = host.Web.Services.GetRequiredService<IOptions<OutputCacheOptions>>().Value;
        Assert.Equal(8L * 1024 * 1024, options.SizeLimit);
        Assert.Equal(JobsCache.MaxEntryBytes, options.MaximumBodySize);

        async Task<bool> SecondIsCached(string path)
        {
            using var first = await host.Client.GetAsync(path);
            Assert.True(first.IsSuccessStatusCode, $"{path}: {(int)first.StatusCode}");
            using var second = await host.Client.GetAsync(path);
            return second.Headers.Age is not null;
        }

        Assert.True(await SecondIsCached("/feeds/jobs.atom?q=python"));
        Assert.False(await SecondIsCached("/api/jobs?q=" + Uri.EscapeDataString("python developer with ten years of django and flask")));
        using var page = await host.Client.GetAsync("/api/jobs?limit=1");
        var next = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement.GetProperty("nextCursor").GetString()!;
        Assert.False(await SecondIsCached("/api/jobs?limit=1&cursor=" + Uri.EscapeDataString(next)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("?a=1")]
    [InlineData("?a=1&b=2&a=3")]
    [InlineData("?&&a&&=&b=&&")]
    [InlineData("?role=a%26b&q=x+y&role=c,d")]
    [InlineData("?a=1&")]
    [InlineData("&a")]
    public void QueryParametersAreCountedAsAspNetCoreParsesThem(string query)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseNullableQuery(query)?.Sum(p => p.Value.Count) ?? 0;

        Assert.Equal(parsed, RequestLimits.Parameters(query));
    }

    [Fact]
    public void KestrelLimitsAreOursNotTheDefaults()
    {
        var limits = host.Web.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(RequestLimits.MaxBodyBytes, limits.MaxRequestBodySize);
        Assert.Equal(2 * RequestLimits.MaxTargetLength, limits.MaxRequestLineSize);
        Assert.Equal(2 * RequestLimits.MaxHeaderBytes, limits.MaxRequestHeadersTotalSize);
        var transport = host.Web.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions>>().Value;
        Assert.Equal(Aggregator.Feeds.FeedAnswers.UnsentBytes, transport.MaxWriteBufferSize);
    }
}
