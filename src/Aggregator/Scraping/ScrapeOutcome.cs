namespace Aggregator.Scraping;

/// <summary>How a run of a source ended. <see cref="ScrapeOutcomes.Name"/> is the value stored in
/// <c>scrape_runs.outcome</c>, whose check constraint lists exactly these names (a test holds them together).</summary>
public enum ScrapeOutcome
{
    /// <summary>Started and not finished yet (or its process died; see run reaping).</summary>
    Running,
    /// <summary>Read the whole source; it may close jobs it no longer lists.</summary>
    Succeeded,
    /// <summary>Every request answered 304: nothing changed since the last run.</summary>
    NotModified,
    /// <summary>Read without error, but too little to trust (zero postings, far fewer than before): kept what it read, closed nothing.</summary>
    Suspect,
    /// <summary>A request or a page failed: kept what it read, closed nothing.</summary>
    Failed,
    /// <summary>Another run of the same source held the lease; this one did nothing.</summary>
    Skipped,
    /// <summary>Found still running when no node held its source's lease (its process died) or after the timeout: reaped, closed nothing.</summary>
    Abandoned,
}

public static class ScrapeOutcomes
{
    public static string Name(this ScrapeOutcome outcome) => outcome switch
    {
        ScrapeOutcome.Running => "running",
        ScrapeOutcome.Succeeded => "succeeded",
        ScrapeOutcome.NotModified => "not-modified",
        ScrapeOutcome.Suspect => "suspect",
        ScrapeOutcome.Failed => "failed",
        ScrapeOutcome.Skipped => "skipped",
        ScrapeOutcome.Abandoned => "abandoned",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static ScrapeOutcome Parse(string name)
    {
        foreach (var outcome in Enum.GetValues<ScrapeOutcome>())
            if (outcome.Name() == name)
                return outcome;
        throw new FormatException($"'{name}' is not a scrape outcome");
    }

    /// <summary>The source did what we asked of it: its health counts this as a success.</summary>
    public static bool IsHealthy(this ScrapeOutcome outcome) => outcome is ScrapeOutcome.Succeeded or ScrapeOutcome.NotModified;
}
