using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Scraping;

/// <summary>A feed's ttl bounds how often the schedule fetches it, whatever the definition's cron says.</summary>
public sealed class FeedTtlTests(PostgresFixture postgres) : IAsyncLifetime
{
    TestHost host = null!;

    public async ValueTask InitializeAsync() => host = await TestHost.StartAsync(postgres, Fixtures.Path("contract", "neogov-feed"));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    SourceDefinition Definition() => host.Definition(Fixtures.Path("contract", "neogov-feed", "contract-neogov-feed.yml"), "ok");

    int FeedRequests => host.Replay.Requests.Count(r => r.Contains("/SearchEngine/JobsFeed", StringComparison.Ordinal));

    [Fact]
    public async Task AScheduledRunBeforeTheFeedsTtlIsUpFetchesNothing()
    {
        var definition = Definition();
        Assert.Equal(ScrapeOutcome.Succeeded, (await host.Runner.RunOnScheduleAsync(definition, CancellationToken.None)).Outcome);
        Assert.Equal(1, FeedRequests);

        // An hourly cron fires 5 hours 58 minutes later: the feed's <ttl>360</ttl> has two minutes to go.
        host.Clock.Advance(TimeSpan.FromMinutes(358));
        var early = await host.Runner.RunOnScheduleAsync(definition, CancellationToken.None);

        Assert.Equal(ScrapeOutcome.Skipped, early.Outcome);
        Assert.Contains("at most every 360 minutes", early.Error, StringComparison.Ordinal);
        Assert.Equal(1, FeedRequests);
        var runs = await host.Services.GetRequiredService<ScrapeRunStore>().RecentAsync(definition.Id, 5, CancellationToken.None);
        Assert.Single(runs);
    }

    [Fact]
    public async Task TheRunAtTheTtlFetchesEvenWhenTheSchedulerFiresSecondsEarly()
    {
        var definition = Definition();
        await host.Runner.RunOnScheduleAsync(definition, CancellationToken.None);

        // A 6-hour cron fires at the same minute, a little less than 360 minutes after the last run started.
        host.Clock.Advance(TimeSpan.FromMinutes(360) - TimeSpan.FromSeconds(5));
        var report = await host.Runner.RunOnScheduleAsync(definition, CancellationToken.None);

        Assert.NotEqual(ScrapeOutcome.Skipped, report.Outcome);
        Assert.Equal(2, FeedRequests);
    }

    [Fact]
    public async Task ARunNamedByTheOperatorIsNotHeldBackByTheTtl()
    {
        var definition = Definition();
        await host.Runner.RunOnScheduleAsync(definition, CancellationToken.None);

        var report = await host.Runner.RunAsync(definition, CancellationToken.None);

        Assert.NotEqual(ScrapeOutcome.Skipped, report.Outcome);
        Assert.Equal(2, FeedRequests);
    }

    [Fact]
    public async Task AFailedRunStartsNoTtl()
    {
        var failing = host.Definition(Fixtures.Path("contract", "neogov-feed", "contract-neogov-feed.yml"), "missing-folder");
        Assert.Equal(ScrapeOutcome.Failed, (await host.Runner.RunOnScheduleAsync(failing, CancellationToken.None)).Outcome);

        var retried = await host.Runner.RunOnScheduleAsync(Definition(), CancellationToken.None);

        Assert.Equal(ScrapeOutcome.Succeeded, retried.Outcome);
    }
}
