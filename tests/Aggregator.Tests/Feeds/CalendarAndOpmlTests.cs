using System.Net;
using System.Xml.Linq;
using Aggregator.Tests.Support;
using Ical.Net;

namespace Aggregator.Tests.Feeds;

public sealed class CalendarAndOpmlTests(PostgresFixture postgres) : IAsyncLifetime
{
    JobsHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        await host.SourceAsync("us-md-baltimore", "Baltimore City", region: "US-MD");
        await host.SourceAsync("ca-on-ops", "Ontario Public Service", country: "CA", region: "CA-ON", level: "province");
        await host.UpsertAsync("us-md-baltimore",
            JobsHost.Job("us-md-baltimore", "A-1", "Software Engineer; Backend, Platform") with { ClosingAt = new DateTimeOffset(2030, 1, 15, 4, 59, 0, TimeSpan.Zero) },
            JobsHost.Job("us-md-baltimore", "A-2", "Designer", role: "ux-service-design") with { ClosingAt = new DateTimeOffset(2030, 1, 10, 4, 59, 0, TimeSpan.Zero) },
            JobsHost.Job("us-md-baltimore", "A-3", "Continuous Analyst", role: "data-analytics") with { ClosingAt = null, ClosingKind = "continuous" });
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task DeadlinesCalendarHasOneTimedEventPerClosingDateSoonestFirstWithStableUids()
    {
        using var response = await host.Client.GetAsync("/feeds/deadlines.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(response.Headers.ETag);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\r\n", text, StringComparison.Ordinal);
        var calendar = Calendar.Load(text)!;

        var events = calendar.Events.ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(["tag:aggregator.dev,2026:job/us-md-baltimore/A-2", "tag:aggregator.dev,2026:job/us-md-baltimore/A-1"], events.Select(e => e.Uid));
        Assert.Equal(new DateTime(2030, 1, 15, 4, 59, 0, DateTimeKind.Utc), events[1].DtStart!.AsUtc);
        Assert.StartsWith("Closes: Software Engineer; Backend, Platform", events[1].Summary, StringComparison.Ordinal);
        Assert.Contains(@"SUMMARY:Closes: Software Engineer\; Backend\, Platform", text, StringComparison.Ordinal);
        Assert.Equal("https://jobs.example.test/us-md-baltimore/A-1", events[1].Url!.AbsoluteUri);

        await host.UpsertAsync("us-md-baltimore", JobsHost.Job("us-md-baltimore", "A-1", "Software Engineer; Backend, Platform") with
        {
            ClosingAt = new DateTimeOffset(2030, 1, 25, 4, 59, 0, TimeSpan.Zero),
        });
        var moved = Calendar.Load(await host.Client.GetStringAsync("/feeds/deadlines.ics"))!.Events.Single(e => e.Uid!.EndsWith("/A-1", StringComparison.Ordinal));
        Assert.Equal(new DateTime(2030, 1, 25, 4, 59, 0, DateTimeKind.Utc), moved.DtStart!.AsUtc);
    }

    [Fact]
    public async Task DeadlinesCalendarTakesTheFeedFilters()
    {
        var calendar = Calendar.Load(await host.Client.GetStringAsync("/feeds/deadlines.ics?role=ux-service-design"))!;
        Assert.Equal(["tag:aggregator.dev,2026:job/us-md-baltimore/A-2"], calendar.Events.Select(e => e.Uid));
    }

    [Fact]
    public async Task OpmlListsEveryRoleAndJurisdictionFeedAndEachOneAnswers()
    {
        // Known only as a parent: no source, so no feed of its own.
        await host.ExecuteAsync("insert into jurisdictions (name, level, country, region) values ('Government of Ontario', 'province', 'CA', 'CA-ON')");
        using var response = await host.Client.GetAsync("/feeds.opml");
        Assert.Equal("text/x-opml", response.Content.Headers.ContentType!.MediaType);
        var opml = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

        Assert.Equal("opml", opml.Name.LocalName);
        Assert.Equal("2.0", opml.Attribute("version")!.Value);
        Assert.False(string.IsNullOrEmpty(opml.Element("head")!.Element("title")!.Value));
        Assert.True(DateTimeOffset.TryParse(opml.Element("head")!.Element("dateCreated")!.Value, System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.All(opml.Descendants("outline"), o => Assert.False(string.IsNullOrEmpty(o.Attribute("text")?.Value)));
        var feeds = opml.Descendants("outline").Where(o => o.Attribute("type")?.Value == "rss").ToList();
        Assert.Equal(21 + 2, feeds.Count);
        Assert.Contains(feeds, f => f.Attribute("xmlUrl")!.Value.EndsWith("/feeds/roles/software-engineering.atom", StringComparison.Ordinal));
        Assert.Contains(feeds, f => f.Attribute("xmlUrl")!.Value.EndsWith("/feeds/jurisdictions/ontario-public-service.atom", StringComparison.Ordinal));
        Assert.DoesNotContain(feeds, f => f.Attribute("xmlUrl")!.Value.EndsWith("/feeds/jurisdictions/government-of-ontario.atom", StringComparison.Ordinal));
        foreach (var feed in feeds)
        {
            using var answer = await host.Client.GetAsync(feed.Attribute("xmlUrl")!.Value);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
    }

    [Fact]
    public async Task NewsboatImportsTheOpml()
    {
        var file = await host.SaveAsync("/feeds.opml", "feeds.opml");

        var urls = FeedClients.NewsboatImport(file);

        Assert.Equal(23, urls.Count(l => l.Contains("/feeds/", StringComparison.Ordinal)));
    }
}
