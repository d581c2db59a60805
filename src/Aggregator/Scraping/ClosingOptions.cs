using Aggregator.Config;

namespace Aggregator.Scraping;

/// <summary>
/// Section <c>Scraping:Closing</c>: how much evidence closes a job. A job seeker acts on what our feeds say is
/// open, so one short page from a real site must never take a job out of every feed: a job closes only once
/// it has been missing from this many consecutive complete runs and unseen for this long, or, when its own
/// closing date has passed, on the first complete run that misses it.
/// </summary>
public sealed class ClosingOptions : ISettings
{
    public static string Section => "Scraping:Closing";

    /// <summary>Consecutive complete, plausible runs that must miss a job before it closes.</summary>
    public int MinimumMissingRuns { get; set; } = 2;

    /// <summary>How long a job must have gone unseen (by any run) before it closes.</summary>
    public TimeSpan MinimumMissingTime { get; set; } = TimeSpan.FromHours(24);

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (MinimumMissingRuns is < 1 or > 100)
            yield return (nameof(MinimumMissingRuns), $"must be from 1 to 100; got {MinimumMissingRuns}");
        if (MinimumMissingTime < TimeSpan.Zero || MinimumMissingTime > TimeSpan.FromDays(90))
            yield return (nameof(MinimumMissingTime), $"must be from 00:00:00 to 90.00:00:00; got {MinimumMissingTime}");
    }
}
