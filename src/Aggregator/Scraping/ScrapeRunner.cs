using System.Diagnostics;
using Aggregator.Sources;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Sources.Adapters;
using Aggregator.Sources.Fetching;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aggregator.Scraping;

/// <summary>What one run of one source did, for the CLI, the logs and scrape_runs.</summary>
public sealed record ScrapeReport(string SourceId, string Outcome, int Seen, int New, int Updated, int Closed, int Requests, long Bytes, string? Error, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{SourceId}: {Outcome} — seen {Seen}, new {New}, updated {Updated}, closed {Closed}; {Requests} requests, {Bytes:N0} bytes in {Elapsed.TotalSeconds:0.0}s" +
        (Error is null ? "" : $"\n  {Error}");
}

/// <summary>Postings gathered by walking a source's requests, before anything is stored.</summary>
public sealed record Collected(
    IReadOnlyList<RawPosting> Postings, IReadOnlySet<string> SeenOnly, int Requests, int NotModified, long Bytes, int? ExpectedTotal,
    IReadOnlyDictionary<string, Validators> Validators, string? Error);

/// <summary>Section <c>Scheduler</c> also carries the guard against implausible runs.</summary>
public sealed class ScrapeGuardOptions
{
    public const string Section = "Scraping:Guard";

    /// <summary>A run that sees fewer than this share of the source's open jobs (or of the total it announces) closes nothing.</summary>
    public double MinimumSeenRatio { get; set; } = 0.5;

    /// <summary>The ratio applies only once a source has at least this many open jobs.</summary>
    public int MinimumOpenForRatio { get; set; } = 10;
}

/// <summary>
/// Runs one source: fetch, parse, normalize, store, and close what vanished, but only after a successful
/// and plausible run. A failure keeps whatever was already read and closes nothing.
/// </summary>
public sealed class ScrapeRunner(
    SourceCollector collector, Normalizer normalizer, JobStore jobs, SourceStore sources, ScrapeRunStore runs, NpgsqlDataSource db,
    IOutputCacheStore responseCache, IOptions<ScrapeGuardOptions> guard, TimeProvider time, ILogger<ScrapeRunner> logger)
{
    public async Task<ScrapeReport> RunAsync(SourceDefinition definition, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        // One run per source at a time, across every node sharing the database.
        await using var lockConnection = await db.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand("select pg_try_advisory_lock(hashtext('scrape:' || @id))", lockConnection))
        {
            take.Parameters.AddWithValue("id", definition.Id);
            if (await take.ExecuteScalarAsync(ct) is not true)
                return new ScrapeReport(definition.Id, "skipped", 0, 0, 0, 0, 0, 0, "another run of this source is in progress", clock.Elapsed);
        }

        var started = time.GetUtcNow();
        await sources.SyncAsync([definition], ct);
        var runId = await runs.StartAsync(definition.Id, started, ct);
        var outcome = "failed";
        int seen = 0, created = 0, updated = 0, closed = 0, requests = 0;
        long bytes = 0;
        string? error = null;
        try
        {
            var known = await jobs.ExternalIdsAsync(definition.Id, ct);
            var validators = await sources.ValidatorsAsync(definition.Id, ct);
            var collected = await collector.CollectAsync(definition, known, validators, ct);
            requests = collected.Requests;
            bytes = collected.Bytes;
            error = collected.Error;

            var now = time.GetUtcNow();
            var normalized = new List<Job>();
            foreach (var raw in collected.Postings)
            {
                try
                {
                    normalized.Add(normalizer.Normalize(definition, raw, now));
                }
                catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
                {
                    error ??= $"posting {raw.ExternalId} could not be normalized: {e.Message}";
                }
            }
            // Keep what was read even when the run failed part-way: losing data is worse than a partial run.
            var result = await jobs.UpsertAsync(definition.Id, normalized, now, ct);
            if (collected.SeenOnly.Count > 0)
                await jobs.TouchAsync(definition.Id, collected.SeenOnly, now, ct);
            if (result.New + result.Updated > 0)
                await jobs.RegroupAsync(definition.Id, ct);
            created = result.New;
            updated = result.Updated;
            seen = normalized.Count + collected.SeenOnly.Count;

            if (error is not null)
            {
                outcome = "failed";
            }
            else if (collected.NotModified > 0 && collected.NotModified == collected.Requests)
            {
                outcome = "not-modified";
                seen = await jobs.TouchAsync(definition.Id, null, now, ct);
            }
            else if (collected.NotModified > 0)
            {
                // Part of the source answered 304, so what we saw is not the whole source: close nothing.
                outcome = "succeeded";
            }
            else if (Implausible(seen, await jobs.CountOpenAsync(definition.Id, ct) - created, collected.ExpectedTotal) is { } reason)
            {
                outcome = "suspect";
                error = reason;
            }
            else
            {
                outcome = "succeeded";
                var seenIds = normalized.Select(j => j.ExternalId).Concat(collected.SeenOnly).ToHashSet(StringComparer.Ordinal);
                closed = await jobs.CloseMissingAsync(definition.Id, seenIds, now, ct);
            }
            if (outcome is "succeeded" or "not-modified" && collected.Validators.Count > 0)
                await sources.SaveValidatorsAsync(definition.Id, collected.Validators, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            outcome = "failed";
            error = $"{e.GetType().Name}: {e.Message}";
            logger.LogError(e, "Scrape of {Source} failed", definition.Id);
        }
        finally
        {
            var finished = time.GetUtcNow();
            await runs.FinishAsync(runId, finished, outcome, seen, created, updated, closed, requests, bytes, error, CancellationToken.None);
            await sources.RecordOutcomeAsync(definition.Id, finished, outcome is "succeeded" or "not-modified" ? null : error ?? outcome, CancellationToken.None);
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtext('scrape:' || @id))", lockConnection);
            unlock.Parameters.AddWithValue("id", definition.Id);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        // Feeds and searches served from memory must show what this run changed.
        if (created + updated + closed > 0)
            await JobsCache.EvictAsync(responseCache, CancellationToken.None);
        var report = new ScrapeReport(definition.Id, outcome, seen, created, updated, closed, requests, bytes, error, clock.Elapsed);
        if (outcome is "succeeded" or "not-modified")
            logger.LogInformation("{Report}", report.ToString());
        else
            logger.LogWarning("{Report}", report.ToString());
        return report;
    }

    string? Implausible(int seen, int openBefore, int? expected)
    {
        var ratio = guard.Value.MinimumSeenRatio;
        if (seen == 0)
            return "the source returned zero postings; a broken page is more likely than an empty board, so nothing was closed";
        if (expected is > 0 && seen < expected * ratio)
            return $"saw {seen} postings but the source announced {expected}; nothing was closed";
        if (openBefore >= guard.Value.MinimumOpenForRatio && seen < openBefore * ratio)
            return $"saw {seen} postings but {openBefore} are open from earlier runs; nothing was closed";
        return null;
    }
}
