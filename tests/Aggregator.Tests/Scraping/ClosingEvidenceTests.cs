using System.Net.Http.Json;
using System.Text.Json;
using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Scraping;

/// <summary>
/// "Closing needs evidence", end to end through the runner over loopback replays: a job closes only after it has
/// been missing from consecutive complete runs and unseen for a day (defaults), or at once past its closing date.
/// </summary>
public sealed class ClosingEvidenceTests(PostgresFixture postgres) : IAsyncLifetime
{
    static readonly TimeSpan MoreThanADay = TimeSpan.FromHours(25);

    TestHost host = null!;

    public async ValueTask InitializeAsync() => host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    SourceDefinition Definition(string folder) => host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), folder);

    Task<ScrapeReport> Run(string folder) => host.Runner.RunAsync(Definition(folder), CancellationToken.None);

    async Task<Aggregator.Postings.Job> Job(string externalId) =>
        (await host.Jobs.FindAsync("test-usajobs", externalId, CancellationToken.None))!;

    Task<int> Open() => host.Jobs.CountOpenAsync("test-usajobs", CancellationToken.None);

    /// <summary>900003 is listed, then missed by one complete run, and <paramref name="then"/> passes.</summary>
    async Task ListedThenMissedOnce(TimeSpan then)
    {
        await Run("v1");
        await Run("v2");
        host.Clock.Advance(then);
    }

    [Fact]
    public async Task ARunThatSeesOneOfNineOpenJobsClosesNone()
    {
        await Run("nine");

        var report = await Run("one-of-nine");

        // Nine open is under the guard's minimum for its ratio, so the run is complete and plausible: evidence, not a verdict.
        Assert.Equal((ScrapeOutcome.Succeeded, 0), (report.Outcome, report.Closed));
        Assert.Equal(9, await Open());
        Assert.Equal(1, await host.ScalarAsync<int>("select missing_runs from jobs where external_id = '910008'"));
    }

    [Fact]
    public async Task AJobMissingFromTwoCompleteRunsOverADayClosesWithItsReason()
    {
        await ListedThenMissedOnce(MoreThanADay);

        var report = await Run("v2");

        Assert.Equal(1, report.Closed);
        var gone = await Job("900003");
        Assert.NotNull(gone.ClosedAt);
        Assert.Matches(@"^missing from 2 complete runs since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; last seen \d{4}-", gone.CloseReason);
        var close = Assert.Single(await host.Jobs.ChangesAsync(gone.Id, CancellationToken.None), c => c.Field == "closed_at");
        Assert.Equal(gone.CloseReason, close.Reason);
        await using var web = await WebHost.StartAsync(host.Db);
        var detail = await web.Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{gone.Id}");
        Assert.Equal(gone.CloseReason, detail.GetProperty("closeReason").GetString());
        Assert.Equal(gone.CloseReason, detail.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "closed_at").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task TwoCompleteRunsWithinADayCloseNothing()
    {
        await ListedThenMissedOnce(TimeSpan.FromHours(12));

        var report = await Run("v2");

        Assert.Equal(0, report.Closed);
        Assert.Null((await Job("900003")).ClosedAt);
        Assert.Equal(2, await host.ScalarAsync<int>("select missing_runs from jobs where external_id = '900003'"));
    }

    [Fact]
    public async Task OneCompleteRunADayLaterIsNotEnoughAlone()
    {
        await Run("v1");
        host.Clock.Advance(TimeSpan.FromDays(3));

        await Run("v2");

        Assert.Null((await Job("900003")).ClosedAt);
    }

    [Fact]
    public async Task AJobSeenAgainStartsItsEvidenceOver()
    {
        await ListedThenMissedOnce(MoreThanADay);

        // Listed again, then missed once more: half a day on, the count is one run old.
        await ListedThenMissedOnce(TimeSpan.FromHours(12));
        var report = await Run("v2");

        Assert.Equal(0, report.Closed);
        Assert.Null((await Job("900003")).ClosedAt);
    }

    [Fact]
    public async Task FailedAndSuspectRunsNeitherAdvanceNorResetTheEvidence()
    {
        await ListedThenMissedOnce(MoreThanADay);

        Assert.Equal(ScrapeOutcome.Failed, (await Run("broken")).Outcome);
        Assert.Equal(ScrapeOutcome.Suspect, (await Run("empty")).Outcome);
        Assert.Equal(1, await host.ScalarAsync<int>("select missing_runs from jobs where external_id = '900003'"));
        Assert.Null((await Job("900003")).ClosedAt);

        var report = await Run("v2");

        Assert.Equal(1, report.Closed);
        Assert.StartsWith("missing from 2 complete runs", (await Job("900003")).CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunThatReadsLessThanTheSourceAnnouncesIsNoEvidence()
    {
        await Run("twelve");

        var first = await Run("seven-of-twelve");
        host.Clock.Advance(MoreThanADay);
        var second = await Run("seven-of-twelve");

        Assert.Equal((ScrapeOutcome.Succeeded, 0, 0), (first.Outcome, first.Closed, second.Closed));
        Assert.Contains("saw 7 of the 12 postings", second.Error, StringComparison.Ordinal);
        Assert.Equal(12, await Open());
        Assert.Equal(0, await host.ScalarAsync<int>("select max(missing_runs) from jobs"));
    }

    [Fact]
    public async Task AJobPastItsOwnClosingDateClosesOnTheFirstCompleteRunThatMissesIt()
    {
        await Run("v1");
        // 900003 closes at the end of 15 December 2026, Eastern.
        host.Clock.Advance(new DateTimeOffset(2026, 12, 16, 12, 0, 0, TimeSpan.Zero) - host.Clock.GetUtcNow());

        var report = await Run("v2");

        Assert.Equal(1, report.Closed);
        Assert.Equal("closing date passed and missing from a complete run", (await Job("900003")).CloseReason);
        // Past their dates too, but listed: a posting still listed stays open.
        Assert.Null((await Job("900001")).ClosedAt);
    }

    [Fact]
    public async Task AReopenedJobKeepsTheReasonItClosedInItsHistory()
    {
        await ListedThenMissedOnce(MoreThanADay);
        await Run("v2");

        var report = await Run("v1");

        Assert.Equal(1, report.Reopened);
        var back = await Job("900003");
        Assert.Equal((null, null), (back.ClosedAt, back.CloseReason));
        var changes = await host.Jobs.ChangesAsync(back.Id, CancellationToken.None);
        Assert.Equal(["created", "closed", "reopened"], changes.Select(c => c.Kind));
        Assert.StartsWith("missing from 2", changes[1].Reason, StringComparison.Ordinal);
        Assert.Equal(1, await host.ScalarAsync<int>("select reopened from scrape_runs order by id desc limit 1"));
    }
}
