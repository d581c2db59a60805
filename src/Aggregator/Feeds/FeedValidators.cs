using System.Collections.Concurrent;
using System.Diagnostics;
using Aggregator.Database;
using Aggregator.Http;
using Aggregator.Postings;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Aggregator.Feeds;

/// <summary>
/// The validators (ETag, Last-Modified) each feed address was last answered with, and the jobs version they were
/// computed at, so that a reader's conditional poll is answered 304 from memory before routing, the output cache or
/// the database. A fleet of readers polls thousands of addresses all day while the jobs change a few times an hour:
/// with the version unchanged, a remembered ETag is still the one the feed would compute.
/// <para>
/// Every node reads the version (<see cref="JobStore.VersionAsync"/>, one row) at most once a second, so a change
/// written by any node is seen within a second; when it moved, everything remembered is dropped (with the output cache's
/// answers built from jobs) and the next request of each address recomputes its ETag (which stays the same when the
/// change did not touch that feed's page). An entry lives as long as a feed's max-age (<see cref="FeedsApi.FeedMaxAge"/>),
/// since readers poll about that often: a change made past <see cref="JobStore"/> (by hand in SQL) is then no staler
/// here than in any reader's or CDN's cache.
/// There are at most <see cref="MaxEntries"/>; <c>Feeds:CacheSeconds</c> = 0 turns this memory off with the output cache.
/// </para>
/// <para>
/// An unconditional fetch of a feed is answered from <see cref="FeedAnswers"/> at the same point, under the same version.
/// </para>
/// </summary>
public sealed class FeedValidators
{
    readonly JobStore jobs;
    readonly IOptions<FeedsOptions> options;
    readonly IOutputCacheStore cached;
    readonly FeedAnswers answers;
    readonly SiteOptions site;

    public FeedValidators(JobStore jobs, IOptions<FeedsOptions> options, IOutputCacheStore cached, FeedAnswers answers, JobsChanges changes, IOptions<SiteOptions> site)
    {
        this.jobs = jobs;
        this.options = options;
        this.cached = cached;
        this.answers = answers;
        this.site = site.Value;
        // A run on this node, or a notification of one anywhere in the cluster (JobsChanges), drops the kept answers at once
        // (the change may have been made where the version does not see it) and has the version read again on the next
        // request instead of up to a second later, so a reader's poll right after the run is not answered 304.
        changes.Evicted += () =>
        {
            answers.Clear();
            if (version is { } known)
                version = known with { At = Stopwatch.GetTimestamp() - 2 * (long)(VersionCheck.TotalSeconds * Stopwatch.Frequency) }; // as if last read past VersionCheck ago
        };
    }

    /// <summary>About 500 bytes each; past this the memory starts over rather than grow.</summary>
    public const int MaxEntries = 50_000;

    static readonly TimeSpan VersionCheck = TimeSpan.FromSeconds(1);

    sealed record Entry(long Version, string ETag, string? LastModified, long Expires);

    sealed record Checked(JobsVersion Version, long At);

    readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    readonly Lock gate = new();
    int count;
    Checked? version;
    Task<JobsVersion>? reading;

    bool Remembering => options.Value.CacheSeconds > 0;

    /// <summary>The jobs version to compute validators at: read before the feed's own rows, so a change that lands in between
    /// moves the version after the rows were read and the answer is recomputed, never kept stale.</summary>
    public ValueTask<JobsVersion> CurrentAsync(CancellationToken ct)
    {
        if (!Remembering)
            return new ValueTask<JobsVersion>(jobs.VersionAsync(ct));
        var known = version;
        if (known is not null && Stopwatch.GetElapsedTime(known.At) < VersionCheck)
            return new ValueTask<JobsVersion>(known.Version);
        Task<JobsVersion> task;
        lock (gate)
        {
            // One read for every request that finds the version due, whoever asked first.
            if (reading is null || reading.IsCompleted)
                reading = ReadAsync();
            task = reading;
        }
        return new ValueTask<JobsVersion>(task.WaitAsync(ct));
    }

    /// <summary>
    /// <see cref="CurrentAsync"/>, or null when the database does not answer: then nothing remembered is trusted, and the
    /// request goes on to the output cache and the endpoint, which degrade as they do in an outage (DatabaseOutage).
    /// </summary>
    async ValueTask<JobsVersion?> CheckAsync(CancellationToken ct)
    {
        try
        {
            return await CurrentAsync(ct);
        }
        catch (Exception e) when (DatabaseOutage.IsUnavailable(e) && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    async Task<JobsVersion> ReadAsync()
    {
        var read = await jobs.VersionAsync(CancellationToken.None);
        if (version is { } known && known.Version.Version != read.Version)
        {
            entries.Clear();
            Interlocked.Exchange(ref count, 0);
            answers.Clear();
            // The cached answers were built from the old rows too. A run evicts its own node's; this evicts every node's,
            // and after writes made outside a run (reclassification, another process).
            await JobsCache.EvictAsync(cached, CancellationToken.None);
        }
        version = new Checked(read, Stopwatch.GetTimestamp());
        return read;
    }

    /// <summary>
    /// What identifies an answer: its public origin (links name it, <see cref="SiteOptions.Origin"/>), path and query. The
    /// host is not checked again here: a feed names its origin in its ETag (<see cref="FeedsApi"/>), which checks it
    /// before anything is remembered, so an entry exists only under a good origin and any other host finds nothing.
    /// </summary>
    string Key(HttpRequest request) =>
        string.Concat(SiteOptions.UncheckedOrigin(request, site), request.Path.Value, request.QueryString.Value);

    public void Remember(HttpRequest request, JobsVersion at, EntityTagHeaderValue etag, DateTimeOffset? lastModified)
    {
        if (!Remembering)
            return;
        if (Interlocked.Increment(ref count) > MaxEntries)
        {
            entries.Clear();
            Interlocked.Exchange(ref count, 1);
        }
        entries[Key(request)] = new Entry(at.Version, etag.ToString(), lastModified is { } m ? HeaderUtilities.FormatDate(m) : null,
            Environment.TickCount64 + (long)FeedsApi.FeedMaxAge.TotalMilliseconds);
    }

    /// <summary>
    /// Answers a conditional GET or HEAD of the feed at <paramref name="key"/> with 304 when its remembered validators still hold at the
    /// <paramref name="current"/> jobs version; false otherwise. A cross-origin request (with <c>Origin</c>) is left to
    /// the CORS policy and the endpoint, which answer it the same with the CORS headers; feed readers send none.
    /// </summary>
    bool TryNotModified(HttpContext http, string key, JobsVersion current)
    {
        var request = http.Request;
        if ((StringValues.IsNullOrEmpty(request.Headers.IfNoneMatch) && StringValues.IsNullOrEmpty(request.Headers.IfModifiedSince))
            || !StringValues.IsNullOrEmpty(request.Headers.Origin))
            return false;
        if (!entries.TryGetValue(key, out var entry) || entry.Expires < Environment.TickCount64
            || entry.Version != current.Version || !Matches(request, entry))
            return false;
        var response = http.Response;
        response.StatusCode = StatusCodes.Status304NotModified;
        response.Headers.ETag = entry.ETag;
        if (entry.LastModified is not null)
            response.Headers.LastModified = entry.LastModified;
        response.Headers.CacheControl = FeedsApi.CacheControl;
        return true;
    }

    /// <summary>RFC 9110 §13.2.2: If-None-Match decides when present (weak comparison); If-Modified-Since only without it.</summary>
    static bool Matches(HttpRequest request, Entry entry)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (!StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            if (ifNoneMatch.Count == 1 && string.Equals(ifNoneMatch[0], entry.ETag, StringComparison.Ordinal))
                return true;
            var etag = EntityTagHeaderValue.Parse(entry.ETag);
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
        }
        return entry.LastModified is not null && HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since)
            && HeaderUtilities.TryParseDate(entry.LastModified, out var modified) && modified <= since;
    }

    /// <summary>
    /// Answers remembered feeds' conditional requests, and fetches of feeds whose answer is kept (<see cref="FeedAnswers"/>),
    /// ahead of everything after it in the pipeline: it sits right after the request bounds (forwarded headers, allowed
    /// hosts, request limits), so a reader's poll of an unchanged feed costs no routing, CORS, compression or output cache.
    /// </summary>
    public static IApplicationBuilder Use(IApplicationBuilder app)
    {
        var validators = app.ApplicationServices.GetRequiredService<FeedValidators>();
        return app.Use(next => async http =>
        {
            // Every read that the output cache may answer first learns whether the jobs moved (at most one small query a
            // second per node), so neither memory outlives a change by more than that second.
            // Only there: health checks and the rest must not wait on the database.
            // A version that cannot be read (an outage) trusts no remembered validator; kept answers are served as a cache would.
            var request = http.Request;
            if (validators.Remembering && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && (request.Path.StartsWithSegments("/feeds") || request.Path.StartsWithSegments("/feeds.opml") || request.Path.StartsWithSegments("/api")))
            {
                var current = await validators.CheckAsync(http.RequestAborted);
                if (request.Path.StartsWithSegments("/feeds"))
                {
                    var key = validators.Key(request);
                    if (current is null || !validators.TryNotModified(http, key, current))
                        await validators.answers.ServeAsync(http, next, key, current?.Version);
                    return;
                }
            }
            await next(http);
        });
    }
}
