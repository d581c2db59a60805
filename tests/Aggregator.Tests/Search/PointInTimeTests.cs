using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Search;

/// <summary>open_on over <see cref="SeededHistory.SeedFiveJobsAsync"/>: what was open on a day, as we knew it then.</summary>
public sealed class PointInTimeTests(PostgresFixture postgres) : IAsyncLifetime
{
    JobsHost host = null!;
    (long J1, long J2, long J3, long J4, long J5) ids;

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        ids = await host.SeedFiveJobsAsync();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    static string[] Ids(JsonElement result) =>
        [.. result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("feedItemId").GetString()!.Split('/')[^1])];

    [Theory]
    [InlineData("2025-01-09", new string[0])]                 // before anything was posted
    [InlineData("2025-01-28", new[] { "J3", "J2", "J1" })]     // J4 is J3's duplicate: the group is listed once
    [InlineData("2025-02-10", new[] { "J2", "J1" })]           // J2 closed at noon: open for part of the day
    [InlineData("2025-02-11", new[] { "J1" })]
    [InlineData("2025-03-10", new string[0])]                 // J2 closed, not yet reopened
    [InlineData("2025-04-03", new[] { "J5" })]                 // J2's reopening on the 5th is not back-dated
    [InlineData("2025-04-10", new[] { "J5", "J2" })]
    public async Task SearchListsWhatWasOpenThatDay(string day, string[] expected)
    {
        var result = await host.JsonAsync($"/api/jobs?open_on={day}");

        Assert.Equal(expected, Ids(result));
        Assert.Equal(expected.Length, result.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task WithoutOpenOnOnlyTheJobsOpenNowAreListed()
    {
        Assert.Equal(["J5", "J2"], Ids(await host.JsonAsync("/api/jobs")));
    }

    [Fact]
    public async Task FiltersAndPagesApplyOnThatDay()
    {
        Assert.Equal(["J3"], Ids(await host.JsonAsync("/api/jobs?open_on=2025-01-28&region=US-PA")));

        var first = await host.JsonAsync("/api/jobs?open_on=2025-01-28&limit=2");
        Assert.Equal(["J3", "J2"], Ids(first));
        var cursor = first.GetProperty("nextCursor").GetString()!;
        Assert.Equal(["J1"], Ids(await host.JsonAsync($"/api/jobs?open_on=2025-01-28&limit=2&cursor={Uri.EscapeDataString(cursor)}")));

        // The cursor belongs to that day: on another it is refused, not silently reused.
        using var replayed = await host.Client.GetAsync($"/api/jobs?open_on=2025-02-10&limit=2&cursor={Uri.EscapeDataString(cursor)}");
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
    }

    [Fact]
    public async Task FeedsTakeOpenOn()
    {
        var atom = XDocument.Parse(await host.Client.GetStringAsync("/feeds/jobs.atom?open_on=2025-02-11"));
        XNamespace ns = "http://www.w3.org/2005/Atom";
        Assert.Equal(["tag:aggregator.dev,2026:job/city/J1"], atom.Root!.Elements(ns + "entry").Select(e => e.Element(ns + "id")!.Value));

        var json = await host.JsonAsync("/feeds/jobs.json?open_on=2025-04-10");
        Assert.Equal(["https://jobs.example.test/state/J5", "https://jobs.example.test/city/J2"],
            json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("url").GetString()));
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("10/02/2025")]
    [InlineData("1999-12-31")]
    [InlineData("2999-01-01")]
    public async Task ABadDayIsA400(string day)
    {
        foreach (var path in new[] { "/api/jobs?", "/feeds/jobs.atom?", "/api/trends?metric=new&" })
        {
            using var response = await host.Client.GetAsync($"{path}open_on={Uri.EscapeDataString(day)}");
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("open_on", JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
    }

    [Fact]
    public async Task AJobsPageHasItsWholeHistoryInOrder()
    {
        var job = await host.JsonAsync($"/api/jobs/{ids.J2}");

        var changes = job.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(["created", "closed", "reopened"], changes.Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal(["2025-01-20T12:00:00Z", "2025-02-10T12:00:00Z", "2025-04-05T12:00:00Z"], changes.Select(c => c.GetProperty("changedAt").GetString()));
        Assert.Equal(["created", "closed_at", "closed_at"], changes.Select(c => c.GetProperty("field").GetString()));
        Assert.Equal("missing", changes[1].GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, changes[2].GetProperty("newValue").ValueKind);
    }
}
