using System.Data.Common;
using Aggregator.Sources;
using Npgsql;
using Quartz;

namespace Aggregator.Scraping;

public static class SchedulingSetup
{
    /// <summary>The group of every scrape job and trigger; a job and its trigger are named by the source id.</summary>
    public const string Group = "scrape";

    /// <summary>
    /// Quartz as a hosted service with one job and one cron trigger per enabled definition. In memory by default; with
    /// <see cref="SchedulerOptions.Clustered"/> the schedule lives in PostgreSQL (<c>qrtz_*</c>, created by our
    /// migrations) and every clustered node on the database shares it, each firing running on one node only; the
    /// definitions are written into it at start by <see cref="ScheduleSync"/>, one node at a time.
    /// </summary>
    public static IServiceCollection AddScrapeScheduling(this IServiceCollection services, DefinitionSet definitions, SchedulerOptions options)
    {
        services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = Math.Max(1, options.MaxConcurrency));
            q.AddTriggerListener<MisfireCounter>();
            if (options.Clustered)
            {
                q.ConfigureScheduler(s =>
                {
                    s.InstanceName = "aggregator";
                    if (options.InstanceId.Length > 0)
                        s.InstanceId = options.InstanceId;
                });
                q.AddJobType<ScrapeJob>();
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(ds => ds.UseRegisteredDataSource = true);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = options.CheckinInterval;
                        c.CheckinMisfireThreshold = options.CheckinMisfireThreshold;
                    });
                    store.ConfigureStore(s =>
                    {
                        s.TablePrefix = "qrtz_";
                        s.MisfireThreshold = options.MisfireThreshold;
                        // The only job data is the source id: kept as text, readable in the table and free of type names.
                        s.StoreJobDataAsStrings = true;
                    });
                });
            }
            else
            {
                q.UseInMemoryStore(s => s.MisfireThreshold = options.MisfireThreshold);
                foreach (var definition in definitions.Definitions.Where(d => d.Enabled))
                {
                    var key = JobKeyOf(definition);
                    q.AddJob<ScrapeJob>(j => j.WithIdentity(key).UsingJobData(ScrapeJob.SourceIdKey, definition.Id).WithDescription(definition.Name));
                    q.AddTrigger(t => t.ForJob(key).WithIdentity(definition.Id, Group).WithCronSchedule(CronOf(definition), Cron));
                }
            }
        });
        if (options.Clustered)
        {
            // Quartz takes its connections from our data source (the service role, our timeouts).
            services.AddSingleton<DbDataSource>(sp => sp.GetRequiredService<NpgsqlDataSource>());
            // Before Quartz's own hosted service: the schedule matches the definitions before this node fires anything.
            services.AddHostedService<ScheduleSync>();
        }
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    public static JobKey JobKeyOf(SourceDefinition definition) => new(definition.Id, Group);

    public static string CronOf(SourceDefinition definition) => DefinitionLoader.EffectiveSchedule(definition);

    /// <summary>
    /// Schedules are evaluated in UTC. After downtime (every node stopped, or the pool full past the misfire threshold)
    /// a source runs once, now, and then keeps its schedule: not once per missed slot, which would scrape a site many
    /// times in a row for nothing, and not never, which would leave its jobs stale until the next slot.
    /// </summary>
    public static void Cron(CronScheduleBuilder cron) =>
        cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed);
}
