using Aggregator.Scraping;
using Aggregator.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Aggregator.Tests.Scraping;

public sealed class SchedulingTests
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
    public void ASourceNeverOverlapsItself() =>
        Assert.NotNull(typeof(ScrapeJob).GetCustomAttributes(typeof(DisallowConcurrentExecutionAttribute), false).SingleOrDefault());
}
