using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Aggregator.Tests.Scraping;

public sealed class SchedulingTests(PostgresFixture postgres)
{
    [Fact]
    public async Task EachEnabledSourceGetsOneJobAndOneCronTrigger()
    {
        var set = DefinitionLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "scrapers"));
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddScrapeScheduling(set, new SchedulerOptions());
        await using var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var keys = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals("scrape"));

        var enabled = set.Definitions.Where(d => d.Enabled).Select(d => d.Id).Order().ToList();
        Assert.Equal(enabled, keys.Select(k => k.Name).Order().ToList());
        var usajobs = await scheduler.GetTriggersOfJob(new JobKey("us-federal-usajobs-digital", "scrape"));
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(usajobs));
        Assert.Equal("0 10 */4 * * ?", trigger.CronExpressionString);
    }

    [Fact]
    public async Task ASecondFireOfTheSameSourceWaitsForTheFirstToFinish()
    {
        var (definition, errors) = DefinitionLoader.LoadFile(Fixtures.Path("definitions", "test-usajobs.yml"));
        Assert.Empty(errors);
        var set = new DefinitionSet([definition!], []);
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"), configure: services =>
        {
            services.AddSingleton(new DefinitionCatalog(set));
            services.AddScrapeScheduling(set, new SchedulerOptions());
        });
        host.PointAt(definition!, "unhurried");
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var key = new JobKey(definition!.Id, "scrape");
        var fires = new Fires();
        scheduler.ListenerManager.AddJobListener(fires, [GroupMatcher<JobKey>.GroupEquals(key.Group)]);
        // Only the two fires below run: the source's cron trigger stays paused.
        await scheduler.PauseTrigger(new TriggerKey(definition.Id, "scrape"));
        await scheduler.Start();
        try
        {
            await scheduler.TriggerJob(key);
            // The first run is now waiting on a response the replay server holds back for 500 ms.
            await fires.FirstStarted.WaitAsync(TimeSpan.FromSeconds(30));
            await scheduler.TriggerJob(key);
            await fires.TwoFinished.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }

        Assert.Equal(1, fires.MostAtOnce);
        var runs = await host.Services.GetRequiredService<ScrapeRunStore>().RecentAsync(definition.Id, 10, CancellationToken.None);
        Assert.Equal([ScrapeOutcome.Succeeded, ScrapeOutcome.Succeeded], runs.Select(r => r.Outcome));
        Assert.True(runs[0].StartedAt >= runs[1].FinishedAt, $"second run started {runs[0].StartedAt:O}, first finished {runs[1].FinishedAt:O}");
    }

    /// <summary>Watches the fires of a job as Quartz runs them: when the first starts, when two have ended, how many ran at once.</summary>
    sealed class Fires : IJobListener
    {
        readonly Lock gate = new();
        readonly TaskCompletionSource firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly TaskCompletionSource twoFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int started, finished, running;

        public string Name => nameof(Fires);
        public Task FirstStarted => firstStarted.Task;
        public Task TwoFinished => twoFinished.Task;
        public int MostAtOnce { get; private set; }

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            lock (gate)
            {
                MostAtOnce = Math.Max(MostAtOnce, ++running);
                if (++started == 1)
                    firstStarted.TrySetResult();
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            lock (gate)
            {
                running--;
                if (++finished == 2)
                    twoFinished.TrySetResult();
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
