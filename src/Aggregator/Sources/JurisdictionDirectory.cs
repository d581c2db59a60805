using System.Globalization;
using Aggregator.Postings;
using Microsoft.Extensions.Options;

namespace Aggregator.Sources;

/// <summary>
/// The jurisdictions' ids, names and slugs, kept in memory: every <c>jurisdiction=</c> filter, jurisdiction feed and the
/// OPML list resolve here instead of asking the database (which, counting open jobs, took a second a request). Rows are
/// only ever added (a definition sync upserts by country and name and never renames or deletes), so the list can only
/// be incomplete, never wrong: a token it does not know reloads it once, so a jurisdiction a sync just added is found at
/// once, on any node. A new jurisdiction sharing an existing slug shows after the next run that changes jobs anywhere in
/// the cluster (<see cref="JobsChanges"/>) or after <c>Feeds:CacheSeconds</c>, like every other cached answer.
/// </summary>
public sealed class JurisdictionDirectory
{
    sealed record Snapshot(IReadOnlyList<JurisdictionName> All, DateTimeOffset LoadedAt);

    readonly SourceStore store;
    readonly IOptions<FeedsOptions> feeds;
    readonly TimeProvider time;
    Snapshot? current;

    public JurisdictionDirectory(SourceStore store, IOptions<FeedsOptions> feeds, TimeProvider time, JobsChanges changes)
    {
        this.store = store;
        this.feeds = feeds;
        this.time = time;
        changes.Changed += _ =>
        {
            Volatile.Write(ref current, null);
            return ValueTask.CompletedTask;
        };
    }

    public async Task<IReadOnlyList<JurisdictionName>> AllAsync(CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref current);
        if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < TimeSpan.FromSeconds(feeds.Value.CacheSeconds))
            return snapshot.All;
        return await ReloadAsync(ct);
    }

    /// <summary>The jurisdictions each token (a numeric id or a name slug) names; an empty list for a token none has.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<JurisdictionName>>> ResolveAsync(IReadOnlyList<string> tokens, CancellationToken ct)
    {
        var all = await AllAsync(ct);
        var matches = tokens.Select(t => Match(all, t)).ToList();
        if (matches.Any(m => m.Count == 0))
        {
            all = await ReloadAsync(ct);
            matches = [.. tokens.Select(t => Match(all, t))];
        }
        return matches;
    }

    async Task<IReadOnlyList<JurisdictionName>> ReloadAsync(CancellationToken ct)
    {
        var all = await store.JurisdictionNamesAsync(ct);
        Volatile.Write(ref current, new Snapshot(all, time.GetUtcNow()));
        return all;
    }

    static IReadOnlyList<JurisdictionName> Match(IReadOnlyList<JurisdictionName> all, string token) =>
        long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? [.. all.Where(j => j.Id == id)]
            : [.. all.Where(j => j.Slug == token)];
}
