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
    static readonly string LongTitle = string.Concat(Enumerable.Repeat("Very long title ", 625));

    JobsHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        await host.SourceAsync("hostile", "Hostile Town");
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
                // Rows written by an older release or by hand: the output side strips every field, not just four.
                Department = "&lt;img src=x onerror=alert(7)&gt;Dept",
                SalaryCurrency = "<img src=x onerror=alert(8)>",
                SalaryPeriod = "<script>alert(9)</script>year",
                SalaryText = "<svg onload=alert(10)>",
                EmploymentType = "<b onclick=alert(11)>Full-time</b>",
                Locations = """[{"text":"<img src=x onerror=alert(12)>Towson","city":"<b>Towson</b>"}]""",
            },
            JobsHost.Job("hostile", "rtl", RightToLeft) with { LocationDisplay = "الرياض", DescriptionHtml = "<p dir=\"rtl\">" + RightToLeft + "</p>" },
            JobsHost.Job("hostile", "emoji", Emoji) with { DescriptionHtml = "<p>" + Emoji + "</p>" },
            JobsHost.Job("hostile", "long", LongTitle));
        Assert.Equal(10_000, LongTitle.Length);
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    // Safety is ours to check and never waits on an external validator: these run on every machine.
    [Fact]
    public async Task AtomIsWellFormedCarriesNoScriptAndCapsTheTitleAt500Characters()
    {
        var feed = XDocument.Parse(await host.Client.GetStringAsync("/feeds/jobs.atom"));
        var titles = feed.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToList();

        Assert.Equal(6, titles.Count);
        AssertNoScript(feed.Root!.Descendants().Select(e => e.Value));
        Assert.Contains(titles, t => t.StartsWith(RightToLeft, StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith(Emoji, StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Ends a CDATA ]]>", StringComparison.Ordinal));
        // Capped at 500: 499 characters of the 10,000 and an ellipsis, then organization and place as every title has them.
        Assert.Equal(LongTitle[..499] + "… – Department of Examples – Baltimore, MD", Assert.Single(titles, t => t.StartsWith("Very long", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AtomValidatesAgainstTheSchemaAndFeedparserReadsIt()
    {
        var file = await host.SaveAsync("/feeds/jobs.atom", "hostile.atom");

        FeedClients.AssertValidAtom(file);
        Assert.Equal(6, FeedClients.AssertFeedparserClean(file));
    }

    [Fact]
    public async Task RssIsWellFormedAndCarriesNoScript()
    {
        var feed = XDocument.Parse(await host.Client.GetStringAsync("/feeds/jobs.rss"));

        Assert.Equal(6, feed.Descendants("item").Count());
        AssertNoScript(feed.Descendants().Select(e => e.Value));
        Assert.Contains(LongTitle[..499] + "… – Department of Examples – Baltimore, MD", feed.Descendants("item").Select(i => i.Element("title")!.Value));
    }

    [Fact]
    public async Task RssIsReadableByFeedparserAndNewsboat()
    {
        var file = await host.SaveAsync("/feeds/jobs.rss", "hostile.rss");

        Assert.Equal(6, FeedClients.AssertFeedparserClean(file));
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
        // The event description names the posting's link; a script link is none.
        AssertNoScript([text.Replace("\r\n ", "", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task SearchAndJobApisServeEveryStoredFieldAsPlainTextAndEscapeMarkupCharacters()
    {
        var id = await host.ScalarAsync<long>("select id from jobs where external_id = 'script'");
        using var response = await host.Client.GetAsync($"/api/jobs/{id}");
        var text = await response.Content.ReadAsStringAsync();
        var search = await host.Client.GetStringAsync("/api/jobs?limit=100");
        var job = JsonDocument.Parse(text).RootElement;

        Assert.Equal("Engineer", job.GetProperty("title").GetString());
        Assert.Equal(("Org", "Dept", "Full-time"), (job.GetProperty("organization").GetString(), job.GetProperty("department").GetString(), job.GetProperty("employmentType").GetString()));
        Assert.Equal("", job.GetProperty("url").GetString());
        var location = job.GetProperty("locations")[0];
        Assert.Equal(("Towson", "Towson"), (location.GetProperty("text").GetString(), location.GetProperty("city").GetString()));
        var salary = job.GetProperty("salary");
        Assert.Equal(("year", JsonValueKind.Null, JsonValueKind.Null), (salary.GetProperty("period").GetString(), salary.GetProperty("currency").ValueKind, salary.GetProperty("text").ValueKind));
        AssertNoScript([job.GetProperty("descriptionHtml").GetString()!]);
        // The default encoder writes <, > and & as \u003C, \u003E and \u0026: no JSON we serve carries markup characters.
        Assert.DoesNotContain(text, c => c is '<' or '>');
        Assert.DoesNotContain(search, c => c is '<' or '>');
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/api/jobs")]
    [InlineData("/api/jobs/999999")]
    [InlineData("/api/jobs?role=nonsense")]
    [InlineData("/feeds/jobs.atom")]
    [InlineData("/feeds/deadlines.ics")]
    [InlineData("/feeds.opml")]
    [InlineData("/no/such/address")]
    [InlineData("/health")]
    public async Task EveryAnswerTellsBrowsersNotToSniffItsType(string path)
    {
        using var response = await host.Client.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
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
