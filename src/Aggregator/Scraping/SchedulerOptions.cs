using Aggregator.Config;

namespace Aggregator.Scraping;

/// <summary>Section <c>Scheduler</c>.</summary>
public sealed class SchedulerOptions : ISettings
{
    public static string Section => "Scheduler";

    /// <summary>Run scrapes on their cron schedules. Turn off on API-only replicas.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many sources may scrape at once (different hosts; one host is always one at a time).</summary>
    public int MaxConcurrency { get; set; } = 4;

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (MaxConcurrency is < 1 or > 64)
            yield return (nameof(MaxConcurrency), $"must be from 1 to 64; got {MaxConcurrency}");
    }
}
