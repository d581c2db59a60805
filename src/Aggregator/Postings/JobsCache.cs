using Aggregator.Config;
using Aggregator.Telemetry;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Aggregator.Postings;

/// <summary>Section <c>Feeds</c>.</summary>
public sealed class FeedsOptions : ISettings
{
    public static string Section => "Feeds";

    /// <summary>
    /// How long a rendered feed or search answer is served from memory. Readers poll the same few URLs over and
    /// over while the data changes only when a scrape finishes (which evicts the cache on this node), so most
    /// requests never reach the database. Other nodes see a change within this time. 0 turns it off.
    /// </summary>
    public int CacheSeconds { get; set; } = 60;

    /// <summary>
    /// Memory the cached answers may take, in MiB (headers and compressed bodies). Past it the least recently used go;
    /// without a bound, searches that are each asked once (every distinct <c>q</c>) grew the process by hundreds of MB.
    /// </summary>
    public int CacheMegabytes { get; set; } = 64;

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (CacheSeconds is < 0 or > 86_400)
            yield return (nameof(CacheSeconds), $"must be from 0 (off) to 86400; got {CacheSeconds}");
        if (CacheMegabytes is < 1 or > 16_384)
            yield return (nameof(CacheMegabytes), $"must be from 1 to 16384; got {CacheMegabytes}");
    }
}

/// <summary>
/// The in-memory cache of answers built from jobs (feeds, searches). Every reader caches under one policy and
/// one tag; the scrape stage evicts the tag when a run changed jobs. It lives here, below both, so neither
/// reaches into the other.
/// </summary>
public static class JobsCache
{
    public const string Policy = "jobs";
    /// <summary>Tag of every cached answer built from jobs; a scrape that changed jobs evicts it.</summary>
    public const string Tag = "jobs";

    /// <summary>The largest answer kept: a 200-item feed is ~600 KB before compression. Larger ones are served, not kept.</summary>
    public const long MaxEntryBytes = 1024 * 1024;

    /// <summary>A <c>q</c> longer than this is a one-off search, not a saved feed polled all day: not worth a place in memory.</summary>
    public const int MaxCachedQueryLength = 40;

    public static IServiceCollection AddJobsOutputCache(this IServiceCollection services)
    {
        services.AddOutputCache();
        // Every lookup counted as a hit or a miss (aggregator.cache.lookups): the store ASP.NET Core registered, wrapped.
        var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(store);
        services.AddSingleton<IOutputCacheStore>(sp => new CountingStore((IOutputCacheStore)(store.ImplementationInstance
            ?? store.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!))));
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<FeedsOptions>>((o, feeds) =>
        {
            o.SizeLimit = feeds.Value.CacheMegabytes * 1024L * 1024;
            o.MaximumBodySize = MaxEntryBytes;
            o.AddPolicy(Policy, b =>
            {
                if (feeds.Value.CacheSeconds <= 0)
                {
                    b.NoCache();
                    return;
                }
                // The host is part of the key (as the request's own, after forwarded headers): without Site:BaseUrl the
                // links in an answer name it, so one host's answer must never be served to another.
                b.With(c => WorthKeeping(c.HttpContext.Request)).Expire(TimeSpan.FromSeconds(feeds.Value.CacheSeconds))
                    .SetVaryByHost(true).SetVaryByQuery("*").SetVaryByHeader("Accept-Encoding").Tag(Tag);
            });
        });
        return services;
    }

    /// <summary>Answers likely to be asked again: not long one-off searches, and not later pages (archivers read each once).</summary>
    public static bool WorthKeeping(HttpRequest request) =>
        request.Query["q"] is not [{ Length: > MaxCachedQueryLength }] && !request.Query.ContainsKey("cursor");

    /// <summary>
    /// The cache store, counting each lookup. It does not offer the inner store's buffer interface, so the middleware
    /// reads through <see cref="GetAsync"/>, which copies an entry once more: a cost paid only on a hit, which saves a query.
    /// </summary>
    sealed class CountingStore(IOutputCacheStore inner) : IOutputCacheStore
    {
        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

        public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
        {
            var entry = await inner.GetAsync(key, cancellationToken);
            AggregatorMetrics.CacheLookup(entry is not null);
            return entry;
        }

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
            inner.SetAsync(key, value, tags, validFor, cancellationToken);
    }

    /// <summary>Drops every cached answer built from jobs: they must show what a run changed.</summary>
    public static ValueTask EvictAsync(IOutputCacheStore store, CancellationToken ct) => store.EvictByTagAsync(Tag, ct);
}
