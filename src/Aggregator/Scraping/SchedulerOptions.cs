namespace Aggregator.Scraping;

/// <summary>Section <c>Scheduler</c>.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>Run scrapes on their cron schedules. Turn off on API-only replicas.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many sources may scrape at once (different hosts; one host is always one at a time).</summary>
    public int MaxConcurrency { get; set; } = 4;
}
