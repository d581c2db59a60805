using Aggregator.Config;

namespace Aggregator.Scraping;

/// <summary>Section <c>Scraping:Guard</c>: when a run's result is too thin to count as evidence that anything closed.</summary>
public sealed class ScrapeGuardOptions : ISettings
{
    public static string Section => "Scraping:Guard";

    /// <summary>A run that sees fewer than this share of the source's open jobs (or of the total it announces) closes nothing.</summary>
    public double MinimumSeenRatio { get; set; } = 0.5;

    /// <summary>The ratio applies only once a source has at least this many open jobs.</summary>
    public int MinimumOpenForRatio { get; set; } = 10;

    /// <summary>
    /// A run that sees fewer than this share of the total the source announces read only part of it: it keeps what
    /// it read but is no evidence that the rest closed. Below 1 because listings shift while they are paged.
    /// </summary>
    public double CompleteRatio { get; set; } = 0.95;

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (MinimumSeenRatio is < 0 or > 1 || double.IsNaN(MinimumSeenRatio))
            yield return (nameof(MinimumSeenRatio), $"must be from 0 to 1; got {MinimumSeenRatio}");
        if (CompleteRatio is < 0 or > 1 || double.IsNaN(CompleteRatio))
            yield return (nameof(CompleteRatio), $"must be from 0 to 1; got {CompleteRatio}");
        if (MinimumOpenForRatio < 0)
            yield return (nameof(MinimumOpenForRatio), $"must not be negative; got {MinimumOpenForRatio}");
    }
}
