using Aggregator.Sources;
using Dapper;
using Npgsql;
using Quartz;

namespace Aggregator.Scraping;

/// <summary>
/// Makes the clustered schedule match this node's enabled definitions when it starts: a job and cron trigger added
/// for each new source, replaced when its schedule or name changed, removed when its definition went away or was
/// disabled. Nodes starting together take turns under an advisory lock, so two never rewrite the schedule at once;
/// an unchanged trigger is left alone, so a restart neither moves nor repeats a firing.
/// </summary>
public sealed class ScheduleSync(ISchedulerFactory schedulers, DefinitionCatalog catalog, NpgsqlDataSource db, ILogger<ScheduleSync> logger) : IHostedService
{
    const long LockKey = 0x4167_6753_4348_44;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Built before the lock: creating the scheduler is the slow part of a start, and nodes may do it side by side.
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        // Waits for the node syncing now, however long that takes.
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@LockKey)", new { LockKey }, commandTimeout: 0, cancellationToken: cancellationToken));
        try
        {
            var (added, replaced, removed) = await SyncAsync(scheduler, catalog.Current.Definitions.Where(d => d.Enabled).ToList(), cancellationToken);
            logger.LogInformation("Schedule synced with the definitions: {Added} added, {Replaced} changed, {Removed} removed", added, replaced, removed);
        }
        finally
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task<(int Added, int Replaced, int Removed)> SyncAsync(IScheduler scheduler, IReadOnlyList<SourceDefinition> enabled, CancellationToken ct)
    {
        int added = 0, replaced = 0, removed = 0;
        // Written in one call, so in one transaction of the job store: one node starting against an empty schedule
        // stores thousands of sources in one go, not one lock round trip each.
        var writes = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
        var existing = (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(SchedulingSetup.Group), ct)).ToHashSet();
        foreach (var definition in enabled)
        {
            var key = SchedulingSetup.JobKeyOf(definition);
            var job = JobBuilder.Create<ScrapeJob>()
                .WithIdentity(key)
                .WithDescription(definition.Name)
                .UsingJobData(ScrapeJob.SourceIdKey, definition.Id)
                // A node that dies mid-run hands the firing to another once the cluster takes it for dead.
                .RequestRecovery()
                .StoreDurably()
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(definition.Id, SchedulingSetup.Group)
                .ForJob(key)
                .WithCronSchedule(SchedulingSetup.CronOf(definition), SchedulingSetup.Cron)
                .Build();
            if (!existing.Remove(key))
            {
                writes[job] = [trigger];
                added++;
                continue;
            }
            var current = await scheduler.GetJobDetail(key, ct);
            var triggers = await scheduler.GetTriggersOfJob(key, ct);
            var same = current?.Description == definition.Name && current.RequestsRecovery
                && triggers is [ICronTrigger cron] && cron.Key.Equals(trigger.Key) && cron.CronExpressionString == SchedulingSetup.CronOf(definition)
                && cron.TimeZone.Id == TimeZoneInfo.Utc.Id && cron.MisfireInstruction == CronTriggerMisfireInstruction.FireAndProceed;
            if (!same)
            {
                writes[job] = [trigger];
                replaced++;
            }
        }
        if (writes.Count > 0)
            await scheduler.ScheduleJobs(writes, ScheduleJobOptions.Replacing, ct);
        foreach (var stale in existing)
        {
            await scheduler.DeleteJob(stale, ct);
            removed++;
        }
        return (added, replaced, removed);
    }
}
