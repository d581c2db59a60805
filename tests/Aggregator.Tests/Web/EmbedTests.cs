using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Web;

/// <summary>
/// What partners embed, over real HTTP: the fragment any origin may fetch (CORS, ETag, cache), the framable document,
/// and the script that loads either. A bad address gives a short fragment saying what to fix, never a broken page.
/// </summary>
public sealed class EmbedTests(PostgresFixture postgres) : IAsyncLifetime
{
    JobsHost host = null!;
    static readonly HtmlParser parser = new();

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        await host.SourceAsync("us-md-baltimore", "Baltimore City", region: "US-MD");
        await host.UpsertAsync("us-md-baltimore",
            JobsHost.Job("us-md-baltimore", "B-1", "Python Developer", postedDaysAgo: 1),
            JobsHost.Job("us-md-baltimore", "B-2", "GIS Analyst", postedDaysAgo: 2, role: "gis"),
            JobsHost.Job("us-md-baltimore", "B-3", "GIS Technician", postedDaysAgo: 3, role: "gis"));
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task TheFragmentListsTheFilteredJobsLinkingToTheOriginalPostings()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/embed?role=gis&limit=1");
        request.Headers.Add("Origin", "https://partner.example.org");
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.CacheControl!.MaxAge);
        var fragment = parser.ParseFragment(await response.Content.ReadAsStringAsync(), parser.ParseDocument("").Body!);
        var list = fragment.OfType<AngleSharp.Dom.IElement>().Single();
        Assert.Equal("root", list.GetAttribute("part"));
        var item = list.QuerySelector("li[part=item]")!;
        Assert.Equal("https://jobs.example.test/us-md-baltimore/B-2", item.QuerySelector("a[part=link]")!.GetAttribute("href"));
        Assert.Equal("GIS Analyst", item.QuerySelector("a[part=link]")!.TextContent);
        Assert.Contains("Baltimore, MD", item.QuerySelector("[part=meta]")!.TextContent, StringComparison.Ordinal);
        var more = list.QuerySelector("[part=more] a")!;
        Assert.Equal($"{host.Web.Address}jobs?role=gis", more.GetAttribute("href"));
        Assert.StartsWith("All 2 open jobs", more.TextContent, StringComparison.Ordinal);
        // The title is labelled by an id unique to the filters, so two lists on one page keep their names apart.
        Assert.Equal(list.QuerySelector("h2")!.Id, list.GetAttribute("aria-labelledby"));
        Assert.NotEqual(list.QuerySelector("h2")!.Id, await TitleIdAsync("/embed?role=software-engineering"));
    }

    async Task<string?> TitleIdAsync(string path) =>
        parser.ParseDocument(await host.Client.GetStringAsync(path)).QuerySelector("h2")!.Id;

    [Fact]
    public async Task TheFragmentHasAnETagAndA304WhenItIsUnchanged()
    {
        using var first = await host.Client.GetAsync("/embed?role=gis");
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, "/embed?role=gis");
        again.Headers.IfNoneMatch.Add(etag);
        using var response = await host.Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        await host.UpsertAsync("us-md-baltimore", JobsHost.Job("us-md-baltimore", "B-4", "GIS Lead", postedDaysAgo: 0, role: "gis"));
        using var changed = new HttpRequestMessage(HttpMethod.Get, "/embed?role=gis");
        changed.Headers.IfNoneMatch.Add(etag);
        using var fresh = await host.Client.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag, fresh.Headers.ETag);
    }

    [Fact]
    public async Task AThemeIsFixedByThePartnerOrLeftToTheReader()
    {
        Assert.Equal("dark", parser.ParseDocument(await host.Client.GetStringAsync("/embed?theme=dark")).QuerySelector(".aj")!.GetAttribute("data-theme"));
        Assert.Null(parser.ParseDocument(await host.Client.GetStringAsync("/embed")).QuerySelector(".aj")!.GetAttribute("data-theme"));
    }

    [Theory]
    [InlineData("/embed?theme=purple", "theme")]
    [InlineData("/embed?colour=blue", "colour")]
    [InlineData("/embed?limit=500", "limit")]
    [InlineData("/embed/frame?salary_min=lots", "salary_min")]
    public async Task ABadAddressIsA400FragmentSayingWhatToFix(string path, string parameter)
    {
        using var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var error = parser.ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector(".aj-error")!;
        Assert.Contains(parameter + ":", error.TextContent, StringComparison.Ordinal);
        Assert.Equal($"{host.Web.Address}jobs", error.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TheFrameIsATitledDocumentAnyPageMayFrameThatReportsItsHeight()
    {
        using var response = await host.Client.GetAsync("/embed/frame?role=gis&theme=light");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors *", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        var page = parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Government digital jobs: GIS & geospatial technology", page.Title);
        Assert.Equal("light", page.DocumentElement.GetAttribute("data-theme"));
        Assert.StartsWith($"{host.Web.Address}assets/frame.js?v=", page.QuerySelector("script")!.GetAttribute("src"), StringComparison.Ordinal);
        // Links leave the frame: a posting must never open inside a partner's box.
        Assert.All(page.QuerySelectorAll(".aj a"), a => Assert.Equal("_blank", a.GetAttribute("target")));
    }

    [Fact]
    public async Task TheScriptIsSmallCachedAndReadableFromAnyOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/embed.js");
        request.Headers.Add("Origin", "https://partner.example.org");
        using var response = await host.Client.SendAsync(request);

        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.CacheControl!.MaxAge);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.InRange(bytes.Length, 1000, 4096);
        Assert.Contains("customElements.define(\"aggregator-jobs\"", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSearchPageWritesTheEmbedCodeForItsFilters()
    {
        var page = parser.ParseDocument(await host.Client.GetStringAsync("/jobs?role=gis&sort=closing"));

        var element = page.QuerySelector("#embed-element")!.TextContent;
        Assert.Contains("<aggregator-jobs query=\"role=gis\">", element, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{host.Web.Address}jobs?role=gis\">", element, StringComparison.Ordinal);
        Assert.Contains($"<script src=\"{host.Web.Address}embed.js\" defer></script>", element, StringComparison.Ordinal);
        var frame = page.QuerySelector("#embed-frame")!.TextContent;
        Assert.Contains($"<iframe src=\"{host.Web.Address}embed/frame?role=gis\" title=\"Government digital jobs: GIS &amp; geospatial technology\"", frame, StringComparison.Ordinal);
        Assert.Equal($"{host.Web.Address}embed?role=gis", page.QuerySelector("#embed-fragment")!.GetAttribute("value"));
    }
}
