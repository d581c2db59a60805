using Microsoft.AspNetCore.OutputCaching;

namespace Aggregator.Feeds;

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

public static class ResponseCaching
{
    public const string Policy = "jobs";
    /// <summary>Tag of every cached answer built from jobs; a scrape that changed jobs evicts it.</summary>
    public const string JobsTag = "jobs";

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
            b.Expire(TimeSpan.FromSeconds(options.CacheSeconds)).SetVaryByQuery("*").SetVaryByHeader("Accept-Encoding").Tag(JobsTag);
        }));
        return services;
    }
}
