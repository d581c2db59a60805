using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Sources;
using Microsoft.Extensions.Options;

namespace Aggregator.Web;

/// <summary>
/// Source names and their jurisdictions, kept in memory for <c>Feeds:CacheSeconds</c>: every search page labels its
/// source and jurisdiction facets from them, and asking the database each time would add a query to every page.
/// </summary>
public sealed class SiteDirectory(SourceStore store, IOptions<FeedsOptions> feeds, TimeProvider time)
{
    sealed record Snapshot(IReadOnlyDictionary<string, SourceName> Sources, DateTimeOffset LoadedAt);

    Snapshot? current;

    public async Task<IReadOnlyDictionary<string, SourceName>> SourcesAsync(CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref current);
        if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < TimeSpan.FromSeconds(feeds.Value.CacheSeconds))
            return snapshot.Sources;
        // Names come from definitions; every page shows them as plain text, like every field of a job.
        var all = (await store.SourceNamesAsync(ct))
            .Select(s => s with { Name = PlainText.Of(s.Name), JurisdictionName = PlainText.Of(s.JurisdictionName) })
            .ToDictionary(s => s.Id, StringComparer.Ordinal);
        Volatile.Write(ref current, new Snapshot(all, time.GetUtcNow()));
        return all;
    }
}
