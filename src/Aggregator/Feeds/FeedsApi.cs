using Aggregator.Postings;

namespace Aggregator.Feeds;

/// <summary>
/// GET /feeds/jobs.atom   open digital jobs, newest first, Atom 1.0
/// GET /feeds/jobs.rss    the same as RSS 2.0
/// </summary>
public static class FeedsApi
{
    const int FeedSize = 100;

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds");
        feeds.MapGet("/jobs.atom", (HttpContext http, FeedStore store, TimeProvider time, CancellationToken ct) =>
            Serve(http, store, time, "application/atom+xml; charset=utf-8", FeedBuilder.Atom, ct));
        feeds.MapGet("/jobs.rss", (HttpContext http, FeedStore store, TimeProvider time, CancellationToken ct) =>
            Serve(http, store, time, "application/rss+xml; charset=utf-8", FeedBuilder.Rss, ct));
        return app;
    }

    static async Task<IResult> Serve(HttpContext http, FeedStore store, TimeProvider time, string contentType,
        Func<System.ServiceModel.Syndication.SyndicationFeed, byte[]> format, CancellationToken ct)
    {
        IReadOnlyList<Job> jobs = await store.OpenJobsAsync(digitalOnly: true, FeedSize, ct);
        var request = http.Request;
        var self = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}");
        var home = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        var feed = FeedBuilder.Build("Government digital jobs", "Open digital roles in government, newest first.", self, home, jobs, time.GetUtcNow());
        return Results.Bytes(format(feed), contentType);
    }
}
