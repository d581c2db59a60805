using System.Globalization;
using Aggregator.Postings;
using Aggregator.Sources;
using Npgsql;

namespace Aggregator.Normalization;

/// <summary>What one reclassification did.</summary>
/// <param name="Skipped">Another node held the lease, or the stored labels already came from this classifier.</param>
public sealed record ReclassifyReport(int Examined, int Recategorized, int Reworded, bool Skipped, string Version)
{
    public override string ToString() => Skipped
        ? $"reclassify: skipped (classifier {Version}: already applied, or another node is applying it)"
        : string.Create(CultureInfo.InvariantCulture,
            $"reclassify: classifier {Version}: {Examined} jobs examined, {Recategorized} moved to another category, {Reworded} with reworded evidence");
}

/// <summary>
/// Runs the current classifier over every stored job, in id order and in batches, and writes the labels that changed
/// (<see cref="JobStore.RelabelAsync"/>: category moves are recorded in <c>job_changes</c>). It evicts nothing: cached
/// answers expire on their own. One node at a time, under an advisory lock; the classifier's version is stored afterwards
/// so a start-up reclassifies only after a classifier change.
/// </summary>
public sealed class RoleReclassifier(JobStore jobs, ClassifierStateStore state, RoleClassifier classifier, DefinitionSet definitions,
    TimeProvider time, ILogger logger)
{
    public const int DefaultBatchSize = 1000;

    readonly Dictionary<string, string?> contexts = definitions.Definitions.ToDictionary(d => d.Id, d => d.Context, StringComparer.Ordinal);

    public static RoleReclassifier Create(NpgsqlDataSource db, DefinitionSet definitions, ILoggerFactory loggers) =>
        new(new JobStore(db), new ClassifierStateStore(db), RoleClassifier.Shared, definitions, TimeProvider.System,
            loggers.CreateLogger<RoleReclassifier>());

    /// <summary>Reclassifies every job now (the <c>classify --reclassify</c> verb) and records this classifier's version.</summary>
    public async Task<ReclassifyReport> RunAsync(CancellationToken ct, int batchSize = DefaultBatchSize)
    {
        await using var lease = await state.TryLeaseAsync(ct);
        if (lease is null)
            return new ReclassifyReport(0, 0, 0, true, classifier.Version);
        return await ReclassifyAsync(batchSize, ct);
    }

    /// <summary>At start-up: reclassifies only when the stored labels came from another classifier version.</summary>
    public async Task<ReclassifyReport> RunIfChangedAsync(CancellationToken ct, int batchSize = DefaultBatchSize)
    {
        await using var lease = await state.TryLeaseAsync(ct);
        if (lease is null)
        {
            logger.LogInformation("Another node holds the reclassification lease; not reclassifying here");
            return new ReclassifyReport(0, 0, 0, true, classifier.Version);
        }
        // Read under the lease: a node that waited sees the version the first one saved.
        var stored = await state.VersionAsync(ct);
        if (stored == classifier.Version)
            return new ReclassifyReport(0, 0, 0, true, classifier.Version);
        logger.LogInformation("Role classifier changed ({Stored} → {Current}); reclassifying stored jobs", stored ?? "none", classifier.Version);
        var report = await ReclassifyAsync(batchSize, ct);
        logger.LogInformation("{Report}", report.ToString());
        return report;
    }

    async Task<ReclassifyReport> ReclassifyAsync(int batchSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int examined = 0, moved = 0, reworded = 0;
        var after = 0L;
        var relabels = new List<RoleRelabel>(batchSize);
        while (true)
        {
            var page = await jobs.PageAsync(after, batchSize, ct);
            if (page.Count == 0)
                break;
            relabels.Clear();
            foreach (var job in page)
            {
                examined++;
                var result = classifier.Classify(Normalizer.RoleInputOf(job, contexts.GetValueOrDefault(job.SourceId)));
                var evidence = Normalizer.EvidenceOf(result);
                if (result.Category == job.RoleCategory && evidence == job.RoleEvidence)
                    continue;
                var relabeled = job with { RoleCategory = result.Category, RoleFamily = result.Family, IsDigital = result.IsDigital, RoleEvidence = evidence };
                if (result.Category == job.RoleCategory)
                    reworded++;
                else
                    moved++;
                relabels.Add(new RoleRelabel(job.Id, job.RoleCategory, result.Category, result.Family, result.IsDigital, evidence,
                    Normalizer.Hash(relabeled)));
            }
            await jobs.RelabelAsync(relabels, time.GetUtcNow(), ct);
            after = page[^1].Id;
        }
        await state.SaveVersionAsync(classifier.Version, time.GetUtcNow(), ct);
        return new ReclassifyReport(examined, moved, reworded, false, classifier.Version);
    }
}
