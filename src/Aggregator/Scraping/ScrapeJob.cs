using Aggregator.Sources;
using Quartz;

namespace Aggregator.Scraping;

/// <summary>One Quartz job per source. A source never overlaps itself; different sources run side by side.</summary>
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
        await runner.RunOnScheduleAsync(definition, cancellationToken);
    }
}
