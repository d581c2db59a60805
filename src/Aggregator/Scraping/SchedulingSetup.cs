using Aggregator.Sources;
using Quartz;

namespace Aggregator.Scraping;

public static class SchedulingSetup
{
    /// <summary>Quartz as a hosted service with one job and one cron trigger per enabled definition.</summary>
    public static IServiceCollection AddScrapeScheduling(this IServiceCollection services, DefinitionSet definitions, SchedulerOptions options)
    {
        services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = Math.Max(1, options.MaxConcurrency));
            foreach (var definition in definitions.Definitions.Where(d => d.Enabled))
            {
                var key = new JobKey(definition.Id, "scrape");
                q.AddJob<ScrapeJob>(j => j.WithIdentity(key).UsingJobData(ScrapeJob.SourceIdKey, definition.Id).WithDescription(definition.Name));
                q.AddTrigger(t => t
                    .ForJob(key)
                    .WithIdentity(definition.Id, "scrape")
                    .WithCronSchedule(DefinitionLoader.EffectiveSchedule(definition), cron => cron
                        .InTimeZone(TimeZoneInfo.Utc)));
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
