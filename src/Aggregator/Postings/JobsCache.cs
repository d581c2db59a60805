using Aggregator.Config;
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

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (CacheSeconds is < 0 or > 86_400)
            yield return (nameof(CacheSeconds), $"must be from 0 (off) to 86400; got {CacheSeconds}");
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

    public static IServiceCollection AddJobsOutputCache(this IServiceCollection services)
    {
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<FeedsOptions>>((o, feeds) => o.AddPolicy(Policy, b =>
        {
            if (feeds.Value.CacheSeconds <= 0)
            {
                b.NoCache();
                return;
            }
            b.Expire(TimeSpan.FromSeconds(feeds.Value.CacheSeconds)).SetVaryByQuery("*").SetVaryByHeader("Accept-Encoding").Tag(Tag);
        }));
        return services;
    }

    /// <summary>Drops every cached answer built from jobs: they must show what a run changed.</summary>
    public static ValueTask EvictAsync(IOutputCacheStore store, CancellationToken ct) => store.EvictByTagAsync(Tag, ct);
}
