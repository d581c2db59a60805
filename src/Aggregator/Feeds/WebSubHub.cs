using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Aggregator.Database;
using Aggregator.Postings;
using Aggregator.Search;
using Aggregator.Telemetry;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aggregator.Feeds;

/// <summary>A topic's feed as the hub pushes it: the body a GET of the topic returns, its headers, and the hash compared.</summary>
public sealed record WebSubDocument(byte[] Body, string ContentType, string Link, string Hash);

/// <summary>
/// The WebSub hub's work, off the request path. Intents (<see cref="WebSubApi"/>) are verified by a GET to the callback
/// with a random challenge, and only an echo of it activates (or removes) a subscription. After a run changed jobs
/// anywhere in the cluster (<see cref="JobsChanges.Changed"/>, heard by every node), each node renders every subscribed
/// topic in-process and claims, per subscription, the push of a body whose hash differs from the last one pushed
/// (<see cref="WebSubStore.ClaimAsync"/>): whichever node claims first pushes, the others find nothing to claim. A scrape
/// only sends the notification, so a slow or dead subscriber never holds up a run. A failed push gives its claim back
/// and is tried again after a backoff; a 410 Gone ends the subscription.
/// </summary>
public sealed class WebSubHub : BackgroundService
{
    /// <summary>The named HttpClient (resilience pipeline per callback host; see AppServices).</summary>
    public const string Client = "WebSub";

    /// <summary>How often failed pushes that are due and expired leases are looked for.</summary>
    static readonly TimeSpan Sweep = TimeSpan.FromMinutes(1);

    const int Parallelism = 8;
    const int MaxPendingIntents = 1000;
    const int MaxEchoBytes = 1024;

    readonly WebSubStore store;
    readonly IHttpClientFactory clients;
    readonly JobQueryResolver resolver;
    readonly JobSearchStore primary;
    readonly IServiceProvider services;
    readonly IOptions<WebSubOptions> options;
    readonly TimeProvider time;
    readonly ILogger<WebSubHub> logger;
    readonly Channel<WebSubIntent> intents = Channel.CreateBounded<WebSubIntent>(new BoundedChannelOptions(MaxPendingIntents) { FullMode = BoundedChannelFullMode.Wait });
    // One pending round at most: changes that arrive during a round are all covered by the next one.
    readonly Channel<bool> rounds = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public WebSubHub(WebSubStore store, IHttpClientFactory clients, JobQueryResolver resolver, NpgsqlDataSource db, IServiceProvider services,
        IOptions<WebSubOptions> options, TimeProvider time, JobsChanges changes, ILogger<WebSubHub> logger)
    {
        this.store = store;
        this.clients = clients;
        this.resolver = resolver;
        // Pushed feeds are read from the primary: a standby that has not replayed the run yet would hash the old content
        // and the change would not be pushed until the next one.
        primary = new JobSearchStore(new ReadDataSource(db), time);
        this.services = services;
        this.options = options;
        this.time = time;
        this.logger = logger;
        changes.Changed += _ =>
        {
            rounds.Writer.TryWrite(true);
            return ValueTask.CompletedTask;
        };
    }

    /// <summary>Queues a checked intent for verification; false when too many are waiting.</summary>
    public bool TryEnqueue(WebSubIntent intent) => intents.Writer.TryWrite(intent);

    /// <summary>Pushes every subscribed topic whose content changed, now (what a job change triggers). Returns the pushes claimed.</summary>
    public Task<int> DistributeAsync(CancellationToken ct) => DistributeAsync(dueOnly: false, ct);

    /// <summary>
    /// What the hub does every minute: removes the subscriptions whose lease ran out, gives back the claims of pushes a dead
    /// node never finished, and pushes again where a failed push is due. Returns the pushes claimed.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var removed = await store.RemoveExpiredAsync(now, ct);
        if (removed > 0)
            logger.LogInformation("Removed {Count} WebSub subscriptions whose lease ran out", removed);
        var released = await store.ReleaseStaleClaimsAsync(now, ct);
        if (released > 0)
            logger.LogInformation("Gave back {Count} WebSub pushes a node claimed and never finished", released);
        return await DistributeAsync(dueOnly: true, ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        Loop(ct => Parallel.ForEachAsync(intents.Reader.ReadAllAsync(ct), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (intent, token) => await Guarded(() => VerifyAsync(intent, token), "Verifying a WebSub request", token)), stoppingToken),
        Loop(async ct =>
        {
            await foreach (var _ in rounds.Reader.ReadAllAsync(ct))
                await Guarded(() => DistributeAsync(dueOnly: false, ct), "Pushing changed feeds to WebSub subscribers", ct);
        }, stoppingToken),
        Loop(async ct =>
        {
            using var timer = new PeriodicTimer(Sweep, time);
            while (await timer.WaitForNextTickAsync(ct))
                await Guarded(() => SweepAsync(ct), "Retrying WebSub pushes", ct);
        }, stoppingToken));

    static async Task Loop(Func<CancellationToken, Task> body, CancellationToken ct)
    {
        try
        {
            await body(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    async Task Guarded(Func<Task> work, string what, CancellationToken ct)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (DatabaseOutage.IsUnavailable(e) && !ct.IsCancellationRequested)
        {
            // DatabaseOutage reports an outage, once; the next change or sweep after it tries again.
            logger.LogDebug("{What} failed while the database is unavailable: {Error}", what, e.Message);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "{What} failed", what);
        }
    }

    async Task VerifyAsync(WebSubIntent intent, CancellationToken ct)
    {
        var challenge = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var parameters = new Dictionary<string, string?>
        {
            ["hub.mode"] = intent.Mode,
            ["hub.topic"] = intent.Topic.Url,
            ["hub.challenge"] = challenge,
        };
        if (intent.Mode == "subscribe")
            parameters["hub.lease_seconds"] = ((long)intent.Lease.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var confirmed = false;
        try
        {
            using var response = await clients.CreateClient(Client).GetAsync(QueryHelpers.AddQueryString(intent.Callback, parameters), HttpCompletionOption.ResponseHeadersRead, ct);
            confirmed = response.IsSuccessStatusCode && await EchoAsync(response, ct) == challenge;
            if (!confirmed)
                logger.LogInformation("WebSub {Mode} of {Callback} to {Topic} refused: the callback answered {Status} without echoing the challenge",
                    intent.Mode, intent.Callback, intent.Topic.Url, (int)response.StatusCode);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The innermost reason (refused connection, no public address, timeout), not the client's "error while sending".
            logger.LogInformation("WebSub {Mode} of {Callback} to {Topic} not verified: {Error}", intent.Mode, intent.Callback, intent.Topic.Url, e.GetBaseException().Message);
        }
        AggregatorMetrics.WebSubVerified(intent.Mode, confirmed);
        if (!confirmed)
            return;
        if (intent.Mode == "unsubscribe")
        {
            await store.UnsubscribeAsync(intent.Topic.Url, intent.Callback, ct);
            logger.LogInformation("WebSub: {Callback} unsubscribed from {Topic}", intent.Callback, intent.Topic.Url);
            return;
        }
        var document = await RenderAsync(intent.Topic, ct);
        await store.SubscribeAsync(intent.Topic.Url, intent.Callback, intent.Secret, intent.Lease, document.Hash, time.GetUtcNow(), ct);
        logger.LogInformation("WebSub: {Callback} subscribed to {Topic} for {Lease}", intent.Callback, intent.Topic.Url, intent.Lease);
    }

    /// <summary>The response body, when it is short enough to be an echo of the challenge.</summary>
    static async Task<string?> EchoAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxEchoBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            length += read;
        return length > MaxEchoBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }

    async Task<int> DistributeAsync(bool dueOnly, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!dueOnly && await store.RemoveExpiredAsync(now, ct) is > 0 and var removed)
            logger.LogInformation("Removed {Count} WebSub subscriptions whose lease ran out", removed);
        var pushes = new List<(WebSubClaim Claim, WebSubDocument Document)>();
        foreach (var url in await store.TopicsAsync(now, dueOnly, ct))
        {
            var feeds = url.IndexOf("/feeds/", StringComparison.Ordinal);
            var (topic, error) = WebSubTopic.Parse(url, feeds < 0 ? url : url[..feeds]);
            if (topic is null)
            {
                logger.LogWarning("WebSub topic {Topic} is no longer a feed: {Error}", url, error);
                continue;
            }
            WebSubDocument document;
            try
            {
                document = await RenderAsync(topic, ct);
            }
            catch (InvalidOperationException e)
            {
                logger.LogWarning("WebSub topic {Topic} could not be rendered: {Error}", url, e.Message);
                continue;
            }
            foreach (var claim in await store.ClaimAsync(url, document.Hash, now, ClaimUntil(), ct))
                pushes.Add((claim, document));
        }
        await Parallel.ForEachAsync(pushes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (push, token) => await PushAsync(push.Claim, push.Document, token));
        return pushes.Count;
    }

    /// <summary>Renders a topic as a GET of it would, through the feed's own validation and builder.</summary>
    async Task<WebSubDocument> RenderAsync(WebSubTopic topic, CancellationToken ct)
    {
        var request = topic.Request(services);
        var (feed, error) = await FeedDocuments.ValidateAsync(request, topic.Format, topic.Scope, resolver, ct);
        if (feed is null)
            throw new InvalidOperationException(FeedDocuments.Describe(error!));
        var mode = await primary.ModeAsync(feed.Query, ct);
        var page = await primary.PageAsync(feed.Query, mode, ct);
        var info = FeedDocuments.Info(request, feed, page, time.GetUtcNow());
        var body = FeedDocuments.Render(topic.Format, info, page);
        // An empty feed's updated time is the time it was rendered; the comparison leaves it out, or an empty topic would
        // be pushed after every run.
        var compared = page.Items.Count > 0 ? body : FeedDocuments.Render(topic.Format, info with { Now = DateTimeOffset.UnixEpoch }, page);
        return new WebSubDocument(body, FeedDocuments.ContentType(topic.Format), FeedDocuments.LinkHeader(info), Convert.ToHexStringLower(SHA256.HashData(compared)));
    }

    /// <summary>How long a claim holds from now: the push cannot take longer, so a claim still open after it was a dead node's.</summary>
    DateTimeOffset ClaimUntil() => time.GetUtcNow() + options.Value.TotalTimeout + TimeSpan.FromMinutes(1);

    async Task PushAsync(WebSubClaim claim, WebSubDocument document, CancellationToken ct)
    {
        // Pushes wait their turn behind others; one whose claim lapsed meanwhile was given back, and is another push's now.
        if (!await store.StartAsync(claim, ClaimUntil(), ct))
            return;
        using var request = new HttpRequestMessage(HttpMethod.Post, claim.Callback) { Content = new ByteArrayContent(document.Body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(document.ContentType);
        request.Headers.TryAddWithoutValidation("Link", document.Link);
        if (claim.Secret is { } secret)
            request.Headers.TryAddWithoutValidation("X-Hub-Signature", Signature(secret, document.Body));
        string outcome;
        try
        {
            using var response = await clients.CreateClient(Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.IsSuccessStatusCode)
            {
                outcome = "delivered";
                await store.DeliveredAsync(claim, CancellationToken.None);
            }
            else if (response.StatusCode == HttpStatusCode.Gone)
            {
                outcome = "gone";
                await store.RemoveAsync(claim.Id, CancellationToken.None);
                logger.LogInformation("WebSub: {Callback} answered 410 Gone; its subscription to {Topic} ends", claim.Callback, claim.Topic);
            }
            else
            {
                outcome = "failed";
                await FailedAsync($"HTTP {(int)response.StatusCode}");
            }
        }
        catch (Exception e)
        {
            // Cancelled (the node is stopping) or failed: either way the claim goes back, so the push is not lost.
            outcome = "failed";
            await FailedAsync(e.Message);
        }
        AggregatorMetrics.WebSubDelivered(outcome);

        async Task FailedAsync(string why)
        {
            logger.LogInformation("WebSub push of {Topic} to {Callback} failed ({Error}); tried again later", claim.Topic, claim.Callback, why);
            await store.FailedAsync(claim, options.Value.FailureBackoff, time.GetUtcNow(), CancellationToken.None);
        }
    }

    /// <summary><c>X-Hub-Signature</c>: <c>sha256=</c> and the hex HMAC-SHA256 of the body keyed with the subscriber's secret.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
