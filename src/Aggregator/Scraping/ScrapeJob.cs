using System.Globalization;
using Aggregator.Sources;
using Quartz;

namespace Aggregator.Scraping;

/// <summary>One Quartz job per source. A source never overlaps itself, across the whole cluster; different sources run side by side.</summary>
[DisallowConcurrentExecution]
public sealed class ScrapeJob(ScrapeRunner runner, DefinitionCatalog catalog, ILogger<ScrapeJob> logger) : IJob
{
    public const string SourceIdKey = "source-id";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var id = context.MergedJobDataMap.GetString(SourceIdKey);
        var definition = id is null ? null : catalog.Current.Find(id);
        if (definition is null)
        {
            logger.LogWarning("Scheduled source {Source} has no valid definition any more; skipped", id);
            return;
        }
        await runner.RunOnScheduleAsync(definition, cancellationToken, new RunOrigin(ScheduledFor(context), context.Scheduler.SchedulerInstanceId, context.Recovering));
    }

    /// <summary>
    /// The slot this firing answers. A firing recovered from a dead node is a new firing of a recovery trigger, which
    /// carries the slot of the firing it replaces: recorded so, the run and the one the dead node left count as one slot.
    /// </summary>
    static DateTimeOffset? ScheduledFor(IJobExecutionContext context)
    {
        if (context.Recovering && context.MergedJobDataMap.TryGetValue(SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime, out var value) && value is not null)
        {
            var text = value.ToString()!;
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
                return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                return at.ToUniversalTime();
        }
        return context.ScheduledFireTimeUtc;
    }
}
