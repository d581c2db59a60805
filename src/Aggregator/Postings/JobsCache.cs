using Microsoft.AspNetCore.OutputCaching;

namespace Aggregator.Postings;

/// <summary>Section <c>Feeds</c>.</summary>
public sealed class FeedsOptions
{
    public const string Section = "Feeds";

    /// <summary>
    /// How long a rendered feed or search answer is served from memory. Readers poll the same few URLs over and
    /// over while the data changes only when a scrape finishes (which evicts the cache on this node), so most
    /// requests never reach the database. Other nodes see a change within this time. 0 turns it off.
    /// </summary>
    public int CacheSeconds { get; set; } = 60;
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

    public static IServiceCollection AddJobsOutputCache(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(FeedsOptions.Section).Get<FeedsOptions>() ?? new FeedsOptions();
        services.AddOutputCache(o => o.AddPolicy(Policy, b =>
        {
            if (options.CacheSeconds <= 0)
            {
                b.NoCache();
                return;
            }
            b.Expire(TimeSpan.FromSeconds(options.CacheSeconds)).SetVaryByQuery("*").SetVaryByHeader("Accept-Encoding").Tag(Tag);
        }));
        return services;
    }

    /// <summary>Drops every cached answer built from jobs: they must show what a run changed.</summary>
    public static ValueTask EvictAsync(IOutputCacheStore store, CancellationToken ct) => store.EvictByTagAsync(Tag, ct);
}
