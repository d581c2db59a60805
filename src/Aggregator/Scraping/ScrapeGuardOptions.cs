using Aggregator.Config;

namespace Aggregator.Scraping;

/// <summary>Section <c>Scraping:Guard</c>: when a run's result is too thin to close anything.</summary>
public sealed class ScrapeGuardOptions : ISettings
{
    public static string Section => "Scraping:Guard";

    /// <summary>A run that sees fewer than this share of the source's open jobs (or of the total it announces) closes nothing.</summary>
    public double MinimumSeenRatio { get; set; } = 0.5;

    /// <summary>The ratio applies only once a source has at least this many open jobs.</summary>
    public int MinimumOpenForRatio { get; set; } = 10;

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (MinimumSeenRatio is < 0 or > 1 || double.IsNaN(MinimumSeenRatio))
            yield return (nameof(MinimumSeenRatio), $"must be from 0 to 1; got {MinimumSeenRatio}");
        if (MinimumOpenForRatio < 0)
            yield return (nameof(MinimumOpenForRatio), $"must not be negative; got {MinimumOpenForRatio}");
    }
}
