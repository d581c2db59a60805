using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Web;

/// <summary>
/// The hostile corpus (every platform's hostile source, scraped end to end) through every page and the embed: nothing
/// a source wrote becomes an element, an attribute, a script or a link a browser would follow anywhere but the web,
/// and every field a page shows as text reads as plain text. Scripts on a page are ours alone.
/// </summary>
public sealed class HostilePagesTests(HostilePagesTests.Corpus corpus) : IClassFixture<HostilePagesTests.Corpus>
{
    public sealed class Corpus(PostgresFixture postgres) : IAsyncLifetime
    {
        public HostileCorpus Loaded { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Loaded = await HostileCorpus.LoadAsync(postgres);

        public async ValueTask DisposeAsync() => await Loaded.DisposeAsync();
    }

    static readonly HtmlParser parser = new();

    public static TheoryData<string> Platforms => new(HostileCorpus.Platforms);

    WebHost Web => corpus.Loaded.Web;

    string Origin => Web.Address.ToString().TrimEnd('/');

    async Task<IDocument> PageAsync(string path)
    {
        using var response = await Web.Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        return parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task TheSearchPageAndTheEmbedsOfAHostileSourceAreInert(string platform)
    {
        var filter = $"source={HostileCorpus.SourceId(platform)}&digital=any&limit=100";
        var jobs = await corpus.Loaded.StoredJobsAsync(platform);

        var search = await PageAsync($"/jobs?{filter}");
        AssertInert(search, $"{platform} search");
        var cards = search.QuerySelectorAll("li.job");
        Assert.Equal(jobs.Count, cards.Length);
        foreach (var card in cards)
        {
            foreach (var text in card.QuerySelectorAll("h3, .org, dd"))
                SafeOutput.AssertPlain(text.TextContent, $"{platform} search card {text.LocalName}");
        }

        foreach (var path in new[] { $"/embed?{filter.Replace("limit=100", "limit=50", StringComparison.Ordinal)}", $"/embed/frame?{filter.Replace("limit=100", "limit=50", StringComparison.Ordinal)}" })
        {
            var embed = await PageAsync(path);
            AssertInert(embed, $"{platform} {path}");
            foreach (var text in embed.QuerySelectorAll(".aj-link, .aj-meta, .aj-title"))
                SafeOutput.AssertPlain(text.TextContent, $"{platform} {path} {text.ClassName}");
        }
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task EveryJobPageOfAHostileSourceIsInertAndItsJsonLdStaysData(string platform)
    {
        foreach (var job in await corpus.Loaded.StoredJobsAsync(platform))
        {
            var where = $"{platform} job {job.Id}";
            var page = await PageAsync($"/jobs/{job.Id}");
            AssertInert(page, where);
            foreach (var text in page.QuerySelectorAll("h1, .org, dl.facts dd, ol.history li"))
                SafeOutput.AssertPlain(text.TextContent, $"{where} {text.LocalName}");
            var description = page.QuerySelector(".prose");
            SafeOutput.AssertHtml(description?.InnerHtml, $"{where} description");
            if (page.QuerySelector("script[type='application/ld+json']") is { } ld)
            {
                // Parsed back out of the page, the JSON-LD is one object whose text fields are the job's plain text.
                var posting = JsonDocument.Parse(ld.TextContent).RootElement;
                SafeOutput.AssertPlain(posting.GetProperty("title").GetString(), $"{where} JSON-LD title");
                SafeOutput.AssertHtml(posting.GetProperty("description").GetString(), $"{where} JSON-LD description");
                SafeOutput.AssertLink(posting.TryGetProperty("url", out var url) ? url.GetString() : null, $"{where} JSON-LD url");
            }
        }
    }

    [Fact]
    public async Task TheSourcesPageIsInertWithHostileErrorsAndReasons()
    {
        await using (var conn = await Web.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync())
        {
            await using var command = conn.CreateCommand();
            command.CommandText = "update sources set consecutive_failures = 1, last_error = @error, disabled_reason = @error where id like 'hostile-%'";
            // PostgreSQL text can't hold an unpaired surrogate, so those cases (covered through the scrape) are left out here.
            var strict = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true);
            bool Storable(string text) { try { strict.GetByteCount(text); return !text.Contains('\0', StringComparison.Ordinal); } catch (System.Text.EncoderFallbackException) { return false; } }
            command.Parameters.AddWithValue("error", string.Join(" ", HostileText.Cases.Select(c => c.Text).Where(Storable)));
            await command.ExecuteNonQueryAsync();
        }
        var page = await PageAsync("/sources");
        AssertInert(page, "sources");
        foreach (var cell in page.QuerySelectorAll("table.sources td, table.sources th"))
            SafeOutput.AssertPlain(cell.TextContent, "sources cell", lines: true);
        // Facet labels come from the same names.
        var search = await PageAsync("/jobs?digital=any");
        foreach (var facet in search.QuerySelectorAll(".facets a"))
            SafeOutput.AssertPlain(facet.TextContent, "search facet");
    }

    /// <summary>
    /// Only our elements can act: scripts are our assets or JSON-LD, the one form is our search, no element carries a
    /// handler or inline style, every link and source is http(s) (a description may also link relatively or by mailto:).
    /// </summary>
    void AssertInert(IDocument page, string where)
    {
        foreach (var element in page.All)
        {
            var inDescription = element.Closest(".prose") is not null;
            switch (element.LocalName)
            {
                case "script":
                    Assert.True(element.GetAttribute("type") == "application/ld+json" && !inDescription
                        || element.GetAttribute("src")?.StartsWith($"{Origin}/assets/", StringComparison.Ordinal) == true, $"{where}: {element.OuterHtml[..Math.Min(200, element.OuterHtml.Length)]}");
                    break;
                case "iframe" or "frame" or "object" or "embed" or "base" or "style" or "svg" or "math" or "template" or "img" or "video" or "audio":
                    Assert.Fail($"{where}: <{element.LocalName}>");
                    break;
                case "form":
                    Assert.Equal($"{Origin}/jobs", element.GetAttribute("action"));
                    break;
                case "meta" when element.HasAttribute("http-equiv"):
                    Assert.Fail($"{where}: <meta http-equiv>");
                    break;
            }
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{where}: {attribute.Name}= on <{element.LocalName}>");
                Assert.NotEqual("style", attribute.Name.ToLowerInvariant());
                // Our own in-page links ("#main") name no scheme at all.
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "srcset" or "poster" or "data" && !(attribute.Value.StartsWith('#') && !inDescription))
                    SafeOutput.AssertLink(attribute.Value, $"{where}: {attribute.Name}= on <{element.LocalName}>", inDescription);
            }
        }
    }
}
