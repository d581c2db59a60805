namespace Aggregator.Scraping;

/// <summary>What a run found, before anything is decided about it.</summary>
/// <param name="Error">The first error met (a request or a page), or null.</param>
/// <param name="Requests">Requests made.</param>
/// <param name="NotModified">Of those, how many answered 304.</param>
/// <param name="Seen">Postings read or confirmed present.</param>
/// <param name="OpenBefore">The source's open jobs before this run (not counting the ones it created).</param>
/// <param name="ExpectedTotal">The total the source announced, when it announces one.</param>
/// <param name="EmptyMeans">The adapter's reading of an empty answer ("the company id is probably wrong"), when it has one.</param>
public sealed record RunFacts(string? Error, int Requests, int NotModified, int Seen, int OpenBefore, int? ExpectedTotal, string? EmptyMeans = null);

/// <summary>
/// The run's outcome, why it is not a clean success, and whether it is evidence: complete and plausible enough that
/// the jobs it did not see count one run closer to closing (<see cref="ClosingOptions"/>). A run never closes a job
/// by itself; it only adds to the evidence, and a run that is not evidence adds nothing and resets nothing.
/// </summary>
public sealed record RunVerdict(ScrapeOutcome Outcome, string? Reason, bool IsEvidence)
{
    /// <summary>
    /// A pure decision, so every branch is tested without a database: a failure or a partial answer is no evidence;
    /// a run too thin to trust (zero postings, under the guard's share of what was open or of what the source
    /// announced) is suspect; a run that read less than the source says it holds succeeded but proves nothing
    /// about what it missed; only a complete, plausible run is evidence.
    /// </summary>
    public static RunVerdict Decide(RunFacts facts, ScrapeGuardOptions guard)
    {
        if (facts.Error is not null)
            return new(ScrapeOutcome.Failed, facts.Error, IsEvidence: false);
        if (facts.NotModified > 0 && facts.NotModified == facts.Requests)
            return new(ScrapeOutcome.NotModified, null, IsEvidence: false);
        // Part of the source answered 304, so what was read is not the whole source.
        if (facts.NotModified > 0)
            return new(ScrapeOutcome.Succeeded, null, IsEvidence: false);
        if (Implausible(facts, guard) is { } reason)
            return new(ScrapeOutcome.Suspect, reason, IsEvidence: false);
        if (facts.ExpectedTotal is > 0 and var expected && facts.Seen < expected * guard.CompleteRatio)
            return new(ScrapeOutcome.Succeeded, $"saw {facts.Seen} of the {expected} postings the source announced; not counted as evidence that any job closed", IsEvidence: false);
        return new(ScrapeOutcome.Succeeded, null, IsEvidence: true);
    }

    static string? Implausible(RunFacts facts, ScrapeGuardOptions guard)
    {
        var ratio = guard.MinimumSeenRatio;
        if (facts.Seen == 0)
            return facts.EmptyMeans is { } means
                ? $"the source returned zero postings: {means}; nothing was closed"
                : "the source returned zero postings; a broken page is more likely than an empty board, so nothing was closed";
        if (facts.ExpectedTotal is > 0 and var expected && facts.Seen < expected * ratio)
            return $"saw {facts.Seen} postings but the source announced {expected}; nothing was closed";
        if (facts.OpenBefore >= guard.MinimumOpenForRatio && facts.Seen < facts.OpenBefore * ratio)
            return $"saw {facts.Seen} postings but {facts.OpenBefore} are open from earlier runs; nothing was closed";
        return null;
    }
}
