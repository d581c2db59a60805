using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Tests.Support;
using Dapper;

namespace Aggregator.Tests.Scraping;

public sealed class ScrapeRunnerTests(PostgresFixture postgres) : IAsyncLifetime
{
    TestHost host = null!;

    public async ValueTask InitializeAsync() => host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    SourceDefinition Definition(string folder, string file = "test-usajobs.yml") => host.Definition(Fixtures.Path("definitions", file), folder);

    async Task<List<dynamic>> Snapshot() =>
        (await host.Db.OpenConnection().QueryAsync("select external_id, content_hash, updated_at, first_seen_at, closed_at, title, salary_min from jobs order by external_id")).AsList();

    [Fact]
    public async Task ARunRecordsHealthButNeverRewritesItsSourceFromTheDefinition()
    {
        var definition = Definition("v1");
        var before = await host.ScalarAsync<DateTime>("select updated_at from sources where id = 'test-usajobs'");
        definition.Name = "Changed after the sources were synced";

        var report = await host.Runner.RunAsync(definition, CancellationToken.None);

        Assert.Equal(ScrapeOutcome.Succeeded, report.Outcome);
        Assert.Equal("Test USAJOBS source", await host.ScalarAsync<string>("select name from sources where id = 'test-usajobs'"));
        Assert.Equal(before, await host.ScalarAsync<DateTime>("select updated_at from sources where id = 'test-usajobs'"));
        Assert.Equal(0, await host.ScalarAsync<int>("select consecutive_failures from sources where id = 'test-usajobs'"));
    }

    [Fact]
    public async Task ScrapingTheSameDataTwiceChangesNothingButLastSeen()
    {
        var first = await host.Runner.RunAsync(Definition("v1"), CancellationToken.None);
        Assert.Equal(ScrapeOutcome.Succeeded, first.Outcome);
        Assert.Equal(3, first.New);
        var before = await Snapshot();
        var lastSeenBefore = await host.ScalarAsync<DateTime>("select max(last_seen_at) from jobs");

        var second = await host.Runner.RunAsync(Definition("v1"), CancellationToken.None);

        Assert.Equal(ScrapeOutcome.Succeeded, second.Outcome);
        Assert.Equal((0, 0, 0, 3), (second.New, second.Updated, second.Closed, second.Seen));
        var after = await Snapshot();
        Assert.Equal(before.Select(r => (string)r.content_hash + r.updated_at + r.first_seen_at + r.title),
                     after.Select(r => (string)r.content_hash + r.updated_at + r.first_seen_at + r.title));
        Assert.True(await host.ScalarAsync<DateTime>("select min(last_seen_at) from jobs") > lastSeenBefore);
        // Only the three creations of the first run: the unchanged second run recorded nothing.
        Assert.Equal(["created", "created", "created"], (await host.Db.OpenConnection().QueryAsync<string>("select field from job_changes order by id")).AsList());
    }

    [Fact]
    public async Task APostingWhoseSourceHashMatchesIsOnlySeenAndOneWhoseHashMovedIsNormalizedAgain()
    {
        await host.Runner.RunAsync(Definition("v1"), CancellationToken.None);
        Assert.Equal(3L, await host.ScalarAsync<long>("select count(distinct source_hash) from jobs where source_hash is not null"));
        // Marks in the stored rows that a run would overwrite if it normalized the posting again.
        await host.Db.OpenConnection().ExecuteAsync("update jobs set organization = 'marked', content_hash = 'marked'");
        await host.Db.OpenConnection().ExecuteAsync("update jobs set source_hash = 'from another build' where external_id = '900002'");
        var lastSeenBefore = await host.ScalarAsync<DateTime>("select max(last_seen_at) from jobs");

        var report = await host.Runner.RunAsync(Definition("v1"), CancellationToken.None);

        Assert.Equal((0, 1, 3), (report.New, report.Updated, report.Seen));
        var rows = (await host.Db.OpenConnection().QueryAsync<(string ExternalId, string Organization, string SourceHash)>(
            "select external_id, organization, source_hash from jobs order by external_id")).ToList();
        Assert.Equal(["marked", "marked"], rows.Where(r => r.ExternalId != "900002").Select(r => r.Organization));
        Assert.NotEqual("marked", rows.Single(r => r.ExternalId == "900002").Organization);
        Assert.DoesNotContain(rows, r => r.SourceHash == "from another build");
        Assert.True(await host.ScalarAsync<DateTime>("select min(last_seen_at) from jobs") > lastSeenBefore);
    }

    [Fact]
    public async Task AChangedFieldIsUpdatedAndRecordedAndAVanishedJobIsClosedOnEvidence()
    {
        await host.Runner.RunAsync(Definition("v1"), CancellationToken.None);

        var report = await host.Runner.RunAsync(Definition("v2"), CancellationToken.None);

        Assert.Equal(ScrapeOutcome.Succeeded, report.Outcome);
        Assert.Equal((0, 1, 0), (report.New, report.Updated, report.Closed));
        var job = await host.Jobs.FindAsync("test-usajobs", "900001", CancellationToken.None);
        Assert.Equal(105000m, job!.SalaryMin);
        var changes = await host.Jobs.ChangesAsync(job.Id, CancellationToken.None);
        Assert.Contains(changes, c => c.Field == "salary_min" && c.OldValue == "100000.00" && c.NewValue == "105000.00");
        Assert.Contains(changes, c => c.Field == "closing_at" && c.OldValue!.StartsWith("2026-12-16T04:59:59", StringComparison.Ordinal));

        host.Clock.Advance(TimeSpan.FromHours(25));
        var second = await host.Runner.RunAsync(Definition("v2"), CancellationToken.None);

        Assert.Equal(1, second.Closed);
        var gone = await host.Jobs.FindAsync("test-usajobs", "900003", CancellationToken.None);
        Assert.NotNull(gone!.ClosedAt);
        Assert.Contains(await host.Jobs.ChangesAsync(gone.Id, CancellationToken.None), c => c.Field == "closed_at");
    }

    [Fact]
    public async Task AnUpdateRecordsNoLocationsChangeWhenOnlyTheirJsonTextDiffers()
    {
        await host.Runner.RunAsync(Definition("v1"), CancellationToken.None);

        await host.Runner.RunAsync(Definition("v2"), CancellationToken.None);

        // 900001 changed pay and closing date, not place; PostgreSQL gives its locations back in another key order and spacing.
        var job = await host.Jobs.FindAsync("test-usajobs", "900001", CancellationToken.None);
        var fields = (await host.Jobs.ChangesAsync(job!.Id, CancellationToken.None)).Select(c => c.Field).ToList();
        Assert.Contains("salary_min", fields);
        Assert.DoesNotContain("locations", fields);
    }

    [Fact]
    public async Task AClosedJobThatReappearsIsReopened()
    {
        await host.Runner.RunAsync(Definition("v1"), CancellationToken.None);
        await host.Runner.RunAsync(Definition("v2"), CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromHours(25));
        await host.Runner.RunAsync(Definition("v2"), CancellationToken.None);
        Assert.Equal(2, await host.Jobs.CountOpenAsync("test-usajobs", CancellationToken.None));
        await host.Runner.RunAsync(Definition("v1"), CancellationToken.None);

        var job = await host.Jobs.FindAsync("test-usajobs", "900003", CancellationToken.None);
        Assert.Null(job!.ClosedAt);
        Assert.Equal(3, await host.Jobs.CountOpenAsync("test-usajobs", CancellationToken.None));
    }

    [Fact]
    public async Task AnEmptyListClosesNothingAndIsRecordedAsSuspect()
    {
        await host.Runner.RunAsync(Definition("v1"), CancellationToken.None);

        var report = await host.Runner.RunAsync(Definition("empty"), CancellationToken.None);

        Assert.Equal(ScrapeOutcome.Suspect, report.Outcome);
        Assert.Contains("zero postings", report.Error);
        Assert.Equal(3, await host.Jobs.CountOpenAsync("test-usajobs", CancellationToken.None));
        var run = (await host.Services.GetRequiredService<ScrapeRunStore>().RecentAsync("test-usajobs", 1, CancellationToken.None))[0];
        Assert.Equal((ScrapeOutcome.Suspect, 0), (run.Outcome, run.Closed));
        var health = (await host.Services.GetRequiredService<SourceStore>().ListAsync(CancellationToken.None)).Single();
        Assert.Equal(1, health.ConsecutiveFailures);
    }

    [Fact]
    public async Task ABrokenPageFailsWithAClearErrorAndLosesNothing()
    {
        await host.Runner.RunAsync(Definition("v1"), CancellationToken.None);

        var report = await host.Runner.RunAsync(Definition("broken"), CancellationToken.None);

        Assert.Equal(ScrapeOutcome.Failed, report.Outcome);
        Assert.Contains("expected JSON but got HTML", report.Error);
        Assert.Contains("titled 'Service Unavailable'", report.Error);
        Assert.Equal(3, await host.Jobs.CountOpenAsync("test-usajobs", CancellationToken.None));
        var run = (await host.Services.GetRequiredService<ScrapeRunStore>().RecentAsync("test-usajobs", 1, CancellationToken.None))[0];
        Assert.Equal(ScrapeOutcome.Failed, run.Outcome);
        Assert.Contains("expected JSON but got HTML", run.Error);
    }

    [Fact]
    public async Task FarFewerPostingsThanAreOpenClosesNothing()
    {
        await host.Runner.RunAsync(Definition("twelve"), CancellationToken.None);

        var report = await host.Runner.RunAsync(Definition("two-of-twelve"), CancellationToken.None);

        Assert.Equal(ScrapeOutcome.Suspect, report.Outcome);
        Assert.Contains("12 are open", report.Error);
        Assert.Equal(12, await host.Jobs.CountOpenAsync("test-usajobs", CancellationToken.None));
    }

    [Fact]
    public async Task PagesAreComputedFromTheTotalAndAllFetched()
    {
        var report = await host.Runner.RunAsync(Definition("paged", "test-usajobs-paged.yml"), CancellationToken.None);

        Assert.Equal(ScrapeOutcome.Succeeded, report.Outcome);
        Assert.Equal((5, 3), (report.New, report.Requests));
        Assert.Contains(host.Replay.Requests, r => r.Contains("Page=3", StringComparison.Ordinal) && r.Contains("ResultsPerPage=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AServerErrorIsRetriedAndTheRunSucceeds()
    {
        var report = await host.Runner.RunAsync(Definition("flaky"), CancellationToken.None);

        Assert.Equal(ScrapeOutcome.Succeeded, report.Outcome);
        Assert.Equal(3, report.New);
        Assert.Equal(2, host.Replay.Requests.Count(r => r.StartsWith("GET /flaky/api/Search", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ATimeoutFailsTheRunWithoutClosingAnything()
    {
        await host.Runner.RunAsync(Definition("v1"), CancellationToken.None);

        var report = await host.Runner.RunAsync(Definition("slow"), CancellationToken.None);

        Assert.Equal(ScrapeOutcome.Failed, report.Outcome);
        Assert.Contains("timed out", report.Error);
        Assert.Equal(3, await host.Jobs.CountOpenAsync("test-usajobs", CancellationToken.None));
    }

    [Fact]
    public async Task AnUnchangedResponseAnswers304AndOnlyTouchesLastSeen()
    {
        var first = await host.Runner.RunAsync(Definition("etag"), CancellationToken.None);
        Assert.Equal(ScrapeOutcome.Succeeded, first.Outcome);

        var second = await host.Runner.RunAsync(Definition("etag"), CancellationToken.None);

        Assert.Equal(ScrapeOutcome.NotModified, second.Outcome);
        Assert.Equal((0, 0, 0, 3), (second.New, second.Updated, second.Closed, second.Seen));
        Assert.Equal(3, await host.Jobs.CountOpenAsync("test-usajobs", CancellationToken.None));
    }

    [Fact]
    public async Task ASourceSendingOnlyLastModifiedIsAskedIfModifiedSinceAndA304OnlyTouchesLastSeen()
    {
        var first = await host.Runner.RunAsync(Definition("last-modified"), CancellationToken.None);
        Assert.Equal(ScrapeOutcome.Succeeded, first.Outcome);
        await using var conn = await host.Db.OpenConnectionAsync();
        var stored = (await conn.QueryAsync<(string? ETag, string? LastModified)>(
            "select etag, last_modified from source_http_cache where source_id = 'test-usajobs'")).AsList();
        Assert.Equal([(null, "Tue, 01 Dec 2026 10:00:00 GMT")], stored);

        // The replay server answers 304 only to an If-Modified-Since no earlier than its date.
        var second = await host.Runner.RunAsync(Definition("last-modified"), CancellationToken.None);

        Assert.Equal(ScrapeOutcome.NotModified, second.Outcome);
        Assert.Equal((0, 0, 0, 3), (second.New, second.Updated, second.Closed, second.Seen));
        Assert.Equal(3, await host.Jobs.CountOpenAsync("test-usajobs", CancellationToken.None));
    }
}
