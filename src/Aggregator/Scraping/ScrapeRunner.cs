using System.Diagnostics;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Sources;
using Aggregator.Sources.Adapters;
using Aggregator.Telemetry;
using Microsoft.Extensions.Options;

namespace Aggregator.Scraping;

/// <summary>Which scheduled firing a run answers and which node ran it, recorded on its scrape_runs row.</summary>
/// <param name="Recovering">The firing replaces one a dead node held: that node may have finished the run before it died.</param>
public sealed record RunOrigin(DateTimeOffset? ScheduledFor, string? Node, bool Recovering = false);

/// <summary>What one run of one source did, for the CLI, the logs and scrape_runs.</summary>
public sealed record ScrapeReport(string SourceId, ScrapeOutcome Outcome, RunCounts Counts, string? Error, TimeSpan Elapsed)
{
    public int Seen => Counts.Seen;
    public int New => Counts.New;
    public int Updated => Counts.Updated;
    public int Closed => Counts.Closed;
    public int Reopened => Counts.Reopened;
    public int Requests => Counts.Requests;
    public long Bytes => Counts.Bytes;

    public override string ToString() =>
        $"{SourceId}: {Outcome.Name()} — seen {Seen}, new {New}, updated {Updated}, closed {Closed}, reopened {Reopened}; {Requests} requests, {Bytes:N0} bytes in {Elapsed.TotalSeconds:0.0}s" +
        (Error is null ? "" : $"\n  {Error}");
}

/// <summary>
/// Runs one source: fetch, parse, normalize, store, regroup, and add evidence against what it did not see, but only
/// from a complete and plausible run (<see cref="RunVerdict"/>); a job closes once that evidence is enough
/// (<see cref="ClosingOptions"/>). A failure keeps whatever was already read and is no evidence.
/// The source must already be synced from its definition (the verbs and the scheduler do it at start).
/// </summary>
public sealed class ScrapeRunner(
    SourceCollector collector, Normalizer normalizer, JobStore jobs, SourceStore sources, ScrapeRunStore runs,
    JobsChanges changes, IOptions<ScrapeGuardOptions> guard, IOptions<ClosingOptions> closing, IOptions<ScrapeRunOptions> runOptions,
    TimeProvider time, ILogger<ScrapeRunner> logger)
{
    static readonly RunVerdict Cancelled = new(ScrapeOutcome.Failed, "cancelled before it finished", IsEvidence: false);

    /// <summary>
    /// Records runs that died with their process (or outlived <see cref="ScrapeRunOptions.AbandonAfter"/>) as abandoned
    /// and counts each in its source's health. The service calls it on start; every run calls it before it starts.
    /// </summary>
    public Task<int> ReapAbandonedAsync(CancellationToken ct) => ReapAsync(null, ct);

    async Task<int> ReapAsync(string? leasedSourceId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var reaped = await runs.ReapAsync(leasedSourceId, now, now - runOptions.Value.AbandonAfter, ct);
        foreach (var run in reaped)
        {
            logger.LogWarning("Run {Run} of {Source} was {Error}", run.Id, run.SourceId, run.Error);
            await sources.RecordOutcomeAsync(run.SourceId, now, run.Error, ct);
        }
        return reaped.Count;
    }

    /// <summary>
    /// How long before a feed's ttl is up a scheduled run may still fetch it: the scheduler fires at the same minute each
    /// time, a few milliseconds to seconds later than the last run started, so a 6-hour schedule meets a 360-minute ttl.
    /// </summary>
    public static readonly TimeSpan TtlTolerance = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A run the schedule (or <c>scrape --all</c>) asked for: skipped, fetching nothing, while the ttl the source stated when
    /// it was last read has not run out. A definition whose <c>schedule</c> is more frequent than its feed's ttl therefore
    /// never fetches more often than the ttl allows. A run asked for by name (<see cref="RunAsync"/>) is the operator's call.
    /// </summary>
    public async Task<ScrapeReport> RunOnScheduleAsync(SourceDefinition definition, CancellationToken ct, RunOrigin? origin = null)
    {
        if (await sources.FeedTtlAsync(definition.Id, ct) is var (readAt, ttl) && time.GetUtcNow() + TtlTolerance < readAt + ttl)
        {
            var report = new ScrapeReport(definition.Id, ScrapeOutcome.Skipped, RunCounts.None,
                $"the source asks to be read at most every {ttl.TotalMinutes:0} minutes (its feed's ttl) and was read at {readAt:u}; next fetch from {readAt + ttl:u}",
                TimeSpan.Zero);
            logger.LogInformation("{Report}", report.ToString());
            return report;
        }
        return await RunAsync(definition, ct, origin);
    }

    public async Task<ScrapeReport> RunAsync(SourceDefinition definition, CancellationToken ct, RunOrigin? origin = null)
    {
        var clock = Stopwatch.StartNew();
        await using var lease = await runs.TryLeaseAsync(definition.Id, ct);
        if (lease is null)
            return new ScrapeReport(definition.Id, ScrapeOutcome.Skipped, RunCounts.None, "another run of this source is in progress", clock.Elapsed);

        // This node holds the lease, so a row of this source still running is a dead run's.
        await ReapAsync(definition.Id, ct);
        // Quartz recovers a firing whose node died before marking it complete, even when the run itself had finished:
        // the slot is done, and running it again would count it twice. A run the dead node left unfinished (now
        // reaped as abandoned) is run again.
        if (origin is { Recovering: true, ScheduledFor: { } slot } && await runs.FinishedForSlotAsync(definition.Id, slot, ct))
            return new ScrapeReport(definition.Id, ScrapeOutcome.Skipped, RunCounts.None,
                $"the firing for {slot:u} was recovered from a node that died after finishing its run", clock.Elapsed);
        using var span = AggregatorTracing.StartRun(definition.Id, origin is not null);
        var startedAt = time.GetUtcNow();
        var runId = await runs.StartAsync(definition.Id, startedAt, ct, origin);
        var counts = RunCounts.None;
        var verdict = Cancelled;
        var regrouped = 0;
        try
        {
            (verdict, counts, regrouped) = await CollectAndStoreAsync(definition, startedAt, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            verdict = new RunVerdict(ScrapeOutcome.Failed, $"{e.GetType().Name}: {e.Message}", IsEvidence: false);
            logger.LogError(e, "Scrape of {Source} failed", definition.Id);
        }
        finally
        {
            // Recorded even when the run is cancelled, so no row is left 'running'.
            var finished = time.GetUtcNow();
            await runs.FinishAsync(runId, finished, verdict.Outcome, counts, verdict.Reason, CancellationToken.None);
            await sources.RecordOutcomeAsync(definition.Id, finished, verdict.Outcome.IsHealthy() ? null : verdict.Reason ?? verdict.Outcome.Name(), CancellationToken.None);
        }

        // Anything that changes what a feed lists (a reopened job is back in feeds, a regrouped one shows or hides), on every node.
        if (counts.New + counts.Updated + counts.Closed + counts.Reopened + regrouped > 0)
            await changes.PublishAsync(CancellationToken.None);
        var report = new ScrapeReport(definition.Id, verdict.Outcome, counts, verdict.Reason, clock.Elapsed);
        AggregatorMetrics.RunFinished(definition.Id, verdict.Outcome.Name(), clock.Elapsed);
        AggregatorMetrics.PostingsCounted(definition.Id, counts.Seen, counts.New, counts.Updated, counts.Closed, counts.Reopened);
        AggregatorMetrics.OpenJobs(definition.Id, await jobs.CountOpenAsync(definition.Id, CancellationToken.None));
        AggregatorTracing.RunFinished(span, verdict.Outcome.Name(), verdict.Outcome.IsHealthy(), verdict.Reason,
            counts.Seen, counts.New, counts.Updated, counts.Closed, counts.Reopened);
        if (verdict.Outcome.IsHealthy())
            logger.LogInformation("{Report}", report.ToString());
        else
            logger.LogWarning("{Report}", report.ToString());
        return report;
    }

    async Task<(RunVerdict, RunCounts, int Regrouped)> CollectAndStoreAsync(SourceDefinition definition, DateTimeOffset startedAt, CancellationToken ct)
    {
        var known = await jobs.ExternalIdsAsync(definition.Id, ct);
        var stored = await jobs.SourceHashesAsync(definition.Id, ct);
        var validators = await sources.ValidatorsAsync(definition.Id, ct);
        var collected = await collector.CollectAsync(definition, known, validators, ct);
        var error = collected.Error;

        var now = time.GetUtcNow();
        var (normalized, unchanged, failure) = Normalize(definition, collected.Postings, stored, now);
        error ??= failure;
        IReadOnlySet<string> seenOnly = unchanged.Count == 0 ? collected.SeenOnly : new HashSet<string>([.. collected.SeenOnly, .. unchanged], StringComparer.Ordinal);
        // Keep what was read even when the run failed part-way: losing data is worse than a partial run.
        var result = await jobs.UpsertAsync(definition.Id, normalized, now, ct);
        if (seenOnly.Count > 0)
            await jobs.TouchAsync(definition.Id, seenOnly, now, ct);
        // Always: it also pays what a run that died between its upsert and its regroup left owing.
        var regrouped = await jobs.RegroupAsync(definition.Id, ct);
        var seen = normalized.Count + seenOnly.Count;

        var openBefore = await jobs.CountOpenAsync(definition.Id, ct) - result.New;
        var verdict = RunVerdict.Decide(new RunFacts(error, collected.Requests, collected.NotModified, seen, openBefore, collected.ExpectedTotal, collected.EmptyMeans), guard.Value);
        var closed = 0;
        if (verdict.Outcome == ScrapeOutcome.NotModified)
            seen = await jobs.TouchAsync(definition.Id, null, now, ct);
        if (verdict.IsEvidence)
        {
            var seenIds = normalized.Select(j => j.ExternalId).Concat(seenOnly).ToHashSet(StringComparer.Ordinal);
            var rule = closing.Value;
            closed = await jobs.CloseMissingAsync(definition.Id, seenIds, now, rule.MinimumMissingRuns, rule.MinimumMissingTime, ct);
        }
        // The source answered (content or 304): its ttl runs from this run's start, as a feed reader's would from its fetch.
        if (verdict.Outcome != ScrapeOutcome.Failed && collected.Requests > 0)
            await sources.RecordFeedReadAsync(definition.Id, startedAt, collected.RefreshAfter, ct);
        if (verdict.Outcome.IsHealthy() && collected.Validators.Count > 0)
            await sources.SaveValidatorsAsync(definition.Id, collected.Validators, ct);
        return (verdict, new RunCounts(seen, result.New, result.Updated, closed, collected.Requests, collected.Bytes, result.Reopened), regrouped);
    }

    /// <summary>
    /// Normalizes what was read, on every core: sanitizing and classifying thousands of descriptions is most of a run's
    /// CPU. A posting whose <see cref="SourceHash"/> equals its open job's is not normalized again: it is only seen.
    /// The first posting that can't be normalized (in the source's order) is the run's error; the others are kept.
    /// </summary>
    (List<Job> Normalized, List<string> Unchanged, string? Error) Normalize(
        SourceDefinition definition, IReadOnlyList<RawPosting> postings, Dictionary<string, string> stored, DateTimeOffset now)
    {
        var seed = SourceHash.Seed(definition);
        var jobs = new Job?[postings.Count];
        var unchanged = new bool[postings.Count];
        var errors = new string?[postings.Count];
        Parallel.For(0, postings.Count, i =>
        {
            var raw = postings[i];
            var hash = SourceHash.Of(seed, raw);
            if (stored.TryGetValue(raw.ExternalId.Trim(), out var known) && known == hash)
            {
                unchanged[i] = true;
                return;
            }
            try
            {
                jobs[i] = normalizer.Normalize(definition, raw, now) with { SourceHash = hash };
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
            {
                errors[i] = $"posting {raw.ExternalId} could not be normalized: {e.Message}";
            }
        });
        return ([.. jobs.OfType<Job>()], [.. postings.Where((_, i) => unchanged[i]).Select(p => p.ExternalId.Trim())], errors.FirstOrDefault(e => e is not null));
    }
}
