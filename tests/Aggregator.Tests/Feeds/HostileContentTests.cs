using System.Text.Json;
using System.Xml.Linq;
using Aggregator.Tests.Support;
using Ical.Net;

namespace Aggregator.Tests.Feeds;

/// <summary>
/// Hostile rows written straight into the table (not through the normalizer) prove the output layer is safe on
/// its own: every feed stays well-formed and valid, and no script survives.
/// </summary>
public sealed class HostileContentTests(PostgresFixture postgres) : IAsyncLifetime
{
    static readonly XNamespace atom = "http://www.w3.org/2005/Atom";
    const string RightToLeft = "مطور برمجيات أول";
    const string Emoji = "👩‍💻 Engineer 🚀";

    JobsHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        await host.SourceAsync("hostile", "Hostile Town");
        var longTitle = string.Concat(Enumerable.Repeat("Very long title ", 625));
        await host.UpsertAsync("hostile",
            JobsHost.Job("hostile", "cdata", "Ends a CDATA ]]> section <![CDATA[ x ]]>") with { Organization = "Org ]]> & <Co>" },
            // NUL and unpaired surrogates can't reach the table (PostgreSQL and Npgsql refuse them); the rest can.
            JobsHost.Job("hostile", "control", "Bell\u0007 escape\u001b vt\u000b ff\u000c nonchar\uFFFE c1\u0085 end") with
            {
                DescriptionHtml = "<p>form\u000cfeed \u0001 start-of-heading</p>", LocationDisplay = "Tab\there\u0008",
            },
            JobsHost.Job("hostile", "script", "<script>alert('title')</script>Engineer") with
            {
                DescriptionHtml = "<p>Hi</p><script>alert('x')</script><img src=x onerror=alert(1)><a href=\"javascript:alert(2)\" onclick=\"alert(3)\">apply</a><svg onload=alert(4)>",
                Organization = "<b onmouseover=alert(5)>Org</b>",
                Url = "javascript:alert(6)",
            },
            JobsHost.Job("hostile", "rtl", RightToLeft) with { LocationDisplay = "الرياض", DescriptionHtml = "<p dir=\"rtl\">" + RightToLeft + "</p>" },
            JobsHost.Job("hostile", "emoji", Emoji) with { DescriptionHtml = "<p>" + Emoji + "</p>" },
            JobsHost.Job("hostile", "long", longTitle));
        Assert.Equal(10_000, longTitle.Length);
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task AtomStaysWellFormedValidAndReadableByFeedparser()
    {
        var file = await host.SaveAsync("/feeds/jobs.atom", "hostile.atom");
        var feed = XDocument.Load(file);
        Assert.Equal(6, feed.Root!.Elements(atom + "entry").Count());
        FeedClients.AssertValidAtom(file);
        Assert.Equal(6, FeedClients.AssertFeedparserClean(file));
        AssertNoScript(feed.Root!.Descendants().Select(e => e.Value));
        Assert.Contains(feed.Root.Descendants(atom + "title"), t => t.Value.StartsWith(RightToLeft, StringComparison.Ordinal));
        Assert.Contains(feed.Root.Descendants(atom + "title"), t => t.Value.StartsWith(Emoji, StringComparison.Ordinal));
        Assert.Contains(feed.Root.Descendants(atom + "title"), t => t.Value.StartsWith("Ends a CDATA ]]>", StringComparison.Ordinal));
        Assert.All(feed.Root.Descendants(atom + "title"), t => Assert.True(t.Value.Length < 700));
    }

    [Fact]
    public async Task RssStaysWellFormedAndReadableByFeedparserAndNewsboat()
    {
        var file = await host.SaveAsync("/feeds/jobs.rss", "hostile.rss");
        var feed = XDocument.Load(file);
        Assert.Equal(6, feed.Descendants("item").Count());
        Assert.Equal(6, FeedClients.AssertFeedparserClean(file));
        AssertNoScript(feed.Descendants().Select(e => e.Value));
        Assert.Equal(6, FeedClients.NewsboatTitles(new Uri(host.Web.Address, "feeds/jobs.rss")).Count);
    }

    [Fact]
    public async Task JsonFeedParsesAndCarriesNoScript()
    {
        var feed = await host.JsonAsync("/feeds/jobs.json");
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(6, items.Count);
        AssertNoScript(items.SelectMany(i => new[] { i.GetProperty("content_html").GetString()!, i.GetProperty("title").GetString()! }));
        var script = items.Single(i => i.GetProperty("id").GetString()!.EndsWith("/script", StringComparison.Ordinal));
        Assert.False(script.TryGetProperty("url", out _));
        Assert.Contains(items, i => i.GetProperty("title").GetString()!.StartsWith(Emoji, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CalendarParsesWithOneEventPerJob()
    {
        var text = await host.Client.GetStringAsync("/feeds/deadlines.ics");
        var calendar = Calendar.Load(text)!;
        Assert.Equal(6, calendar.Events.Count);
        Assert.All(text.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.DoesNotContain(text, c => char.IsControl(c) && c is not '\r' and not '\n' and not '\t');
    }

    [Fact]
    public async Task SearchApiReturnsTheStoredTitleAsJsonAndSanitizesTheDescription()
    {
        var id = await host.ScalarAsync<long>("select id from jobs where external_id = 'script'");
        var job = await host.JsonAsync($"/api/jobs/{id}");
        Assert.Equal("<script>alert('title')</script>Engineer", job.GetProperty("title").GetString());
        AssertNoScript([job.GetProperty("descriptionHtml").GetString()!]);
    }

    static void AssertNoScript(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            var html = System.Net.WebUtility.HtmlDecode(text);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onload", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onmouseover", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        }
    }
}
