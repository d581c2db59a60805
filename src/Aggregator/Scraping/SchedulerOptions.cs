using Aggregator.Config;

namespace Aggregator.Scraping;

/// <summary>Section <c>Scheduler</c>.</summary>
public sealed class SchedulerOptions : ISettings
{
    public static string Section => "Scheduler";

    /// <summary>Run scrapes on their cron schedules. Turn off on API-only replicas.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many sources may scrape at once on this node (different hosts; one host is always one at a time).</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// Keep the schedule in PostgreSQL (Quartz's ADO.NET job store, tables <c>qrtz_*</c>) and share it with every other
    /// clustered node on the same database: each firing runs on one node, and a dead node's firings are recovered by
    /// another. Off: the schedule lives in this process's memory, right for a single node.
    /// </summary>
    public bool Clustered { get; set; }

    /// <summary>How often a clustered node records that it is alive.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long past a missed check-in the other nodes wait before they take a node for dead and run its firings
    /// again. A dead node's run is recovered within about <see cref="CheckinInterval"/> + this.
    /// </summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How late a firing may start before it counts as misfired (then it runs once, now, and the schedule resumes).</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>This node's id in the cluster; empty: generated from the host name and start time.</summary>
    public string InstanceId { get; set; } = "";

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (MaxConcurrency is < 1 or > 64)
            yield return (nameof(MaxConcurrency), $"must be from 1 to 64; got {MaxConcurrency}");
        if (CheckinInterval < TimeSpan.FromSeconds(1) || CheckinInterval > TimeSpan.FromMinutes(10))
            yield return (nameof(CheckinInterval), $"must be from 00:00:01 to 00:10:00; got {CheckinInterval}");
        if (CheckinMisfireThreshold < TimeSpan.FromSeconds(1) || CheckinMisfireThreshold > TimeSpan.FromMinutes(10))
            yield return (nameof(CheckinMisfireThreshold), $"must be from 00:00:01 to 00:10:00; got {CheckinMisfireThreshold}");
        if (MisfireThreshold < TimeSpan.FromSeconds(1) || MisfireThreshold > TimeSpan.FromHours(6))
            yield return (nameof(MisfireThreshold), $"must be from 00:00:01 to 06:00:00; got {MisfireThreshold}");
        if (InstanceId.Length > 150)
            yield return (nameof(InstanceId), $"must be at most 150 characters; got {InstanceId.Length}");
    }
}
