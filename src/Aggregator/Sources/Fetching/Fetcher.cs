using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Aggregator.Sources.Adapters;
using Aggregator.Telemetry;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Aggregator.Sources.Fetching;

/// <summary>Conditional GET validators remembered per source and URL.</summary>
public sealed record Validators(string? ETag, string? LastModified)
{
    public bool IsEmpty => ETag is null && LastModified is null;
}

public sealed record FetchResult(FetchedContent? Content, bool NotModified, Validators Validators, long Bytes);

/// <summary>A request that could not be completed; the message says what, where and why.</summary>
public sealed class FetchException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>
/// The only code that talks to the network. The HttpClient it is given carries the resilience pipeline
/// (retry with jittered backoff, per-attempt and total timeouts, a circuit breaker per host); this class adds
/// politeness (one request per host at a time, robots.txt for crawled pages), conditional GET and a size cap.
/// </summary>
public sealed class Fetcher(HttpClient http, HostGate gate, IOptions<ScrapingOptions> options, TimeProvider time, ILogger<Fetcher> logger)
{
    readonly ConcurrentDictionary<string, (RobotsTxt? Robots, DateTimeOffset Expires, RobotsTxt? LastRead)> robots = new(StringComparer.OrdinalIgnoreCase);

    public async Task<FetchResult> FetchAsync(FetchRequest request, Validators? validators, CancellationToken ct)
    {
        var settings = options.Value;
        if (request.IsPage && settings.RespectRobotsTxt && !(await RobotsFor(request.Url, ct)).IsAllowed(request.Url))
            throw new FetchException($"{request.Url} is disallowed by {request.Url.GetLeftPart(UriPartial.Authority)}/robots.txt; not fetched");

        await using var lease = await gate.EnterAsync(request.Url, ct);
        using var message = new HttpRequestMessage(request.Method, request.Url);
        message.Headers.UserAgent.Clear();
        message.Headers.TryAddWithoutValidation("User-Agent", settings.FullUserAgent);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.Remove(name);
            message.Headers.TryAddWithoutValidation(name, value);
        }
        if (request.Body is not null)
            message.Content = new StringContent(request.Body, new MediaTypeHeaderValue(request.BodyMediaType));
        if (validators?.ETag is { } etag)
            message.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (validators?.LastModified is { } lastModified)
            message.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);

        HttpResponseMessage response;
        var host = request.Url.Authority;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception e) when (CountNoAnswer(host, e, ct))
        {
            throw; // not reached: the filter only counts, and the handlers below take the exception
        }
        catch (TimeoutRejectedException e)
        {
            throw new FetchException($"{request.Method} {request.Url} timed out ({e.Message})", inner: e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new FetchException($"{request.Method} {request.Url} timed out", inner: e);
        }
        catch (BrokenCircuitException e)
        {
            throw new FetchException($"{request.Url.Authority} is failing; its circuit breaker is open, so {request.Url} was not requested ({e.Message})", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new FetchException($"{request.Method} {request.Url} failed: {e.Message}", e.StatusCode, e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                AggregatorMetrics.Fetched(host, status, 0);
                return new FetchResult(null, true, validators ?? new Validators(null, null), 0);
            }
            if (!response.IsSuccessStatusCode)
            {
                AggregatorMetrics.Fetched(host, status, 0);
                throw new FetchException($"{request.Method} {request.Url} answered {status} {response.ReasonPhrase}", response.StatusCode);
            }

            var body = await ReadCapped(response, request.Url, request.MaxResponseBytes ?? settings.MaxResponseBytes, ct);
            AggregatorMetrics.Fetched(host, status, body.Length);
            var contentType = response.Content.Headers.ContentType;
            var content = new FetchedContent(response.RequestMessage?.RequestUri ?? request.Url, body, contentType?.MediaType, contentType?.CharSet);
            var newValidators = new Validators(
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"));
            return new FetchResult(content, false, newValidators, body.Length);
        }
    }

    /// <summary>A request that got no answer (timeout, refused, open breaker) counts with status 0, or the status it failed with.</summary>
    static bool CountNoAnswer(string host, Exception e, CancellationToken ct)
    {
        if (!ct.IsCancellationRequested)
            AggregatorMetrics.Fetched(host, (int?)(e as HttpRequestException)?.StatusCode ?? 0, 0);
        return false;
    }

    static async Task<byte[]> ReadCapped(HttpResponseMessage response, Uri url, long cap, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength is > 0 and var length && length > cap)
            throw new FetchException($"{url} is {length:N0} bytes, over the {cap:N0}-byte response cap; not read");
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        // Sized from Content-Length when there is one: a 200 MB board must not cost twice that in doubling buffers.
        using var buffer = new MemoryStream((int)Math.Min(response.Content.Headers.ContentLength ?? 0, cap));
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > cap)
                throw new FetchException($"{url} exceeded the {cap:N0}-byte response cap while reading; abandoned");
            buffer.Write(chunk, 0, read);
        }
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    /// <summary>Whether the site's robots.txt lets our product token fetch <paramref name="url"/> (read and cached as for any crawled page).</summary>
    public async Task<bool> RobotsAllowAsync(Uri url, CancellationToken ct) => (await RobotsFor(url, ct)).IsAllowed(url);

    async Task<RobotsTxt> RobotsFor(Uri url, CancellationToken ct)
    {
        var origin = url.GetLeftPart(UriPartial.Authority);
        var now = time.GetUtcNow();
        robots.TryGetValue(origin, out var cached);
        if (cached.Robots is not null && cached.Expires > now)
            return cached.Robots;

        var settings = options.Value;
        var robotsUrl = new Uri(origin + "/robots.txt");
        RobotsTxt? read = null;
        string? failure = null;
        await using (await gate.EnterAsync(robotsUrl, ct))
        {
            try
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, robotsUrl);
                message.Headers.TryAddWithoutValidation("User-Agent", settings.FullUserAgent);
                using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
                var status = (int)response.StatusCode;
                // RFC 9309 §2.3.1: a 4xx robots.txt means no rules; a 5xx means the site can't say, so assume everything is disallowed.
                read = status switch
                {
                    >= 200 and < 300 => RobotsTxt.Parse(await ReadPrefix(response, settings.RobotsMaxBytes, ct), ProductToken()),
                    >= 400 and < 500 => RobotsTxt.AllowAll,
                    _ => null,
                };
                if (read is null)
                    failure = $"answered {status}";
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                failure = e.Message;
            }
        }
        if (read is not null)
        {
            robots[origin] = (read, now + settings.RobotsCacheDuration, read);
            return read;
        }
        // Unreachable: the last copy we read still speaks for the site (RFC 9309 allows it); without one, nothing is
        // crawled. Either way we ask again soon rather than locking the site out for a day.
        var standing = cached.LastRead ?? RobotsTxt.DisallowAll;
        logger.LogWarning("robots.txt of {Origin} unavailable ({Error}); {Decision} until {Retry:u}", origin, failure,
            cached.LastRead is null ? "treating the site as disallowed" : "keeping the copy read earlier", now + settings.RobotsErrorRetry);
        robots[origin] = (standing, now + settings.RobotsErrorRetry, cached.LastRead);
        return standing;
    }

    /// <summary>The first <paramref name="max"/> bytes of a robots.txt, as text: the rest is never read (RFC 9309 §2.5).</summary>
    static async Task<string> ReadPrefix(HttpResponseMessage response, int max, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[max];
        var length = 0;
        int read;
        while (length < max && (read = await stream.ReadAsync(buffer.AsMemory(length, max - length), ct)) > 0)
            length += read;
        return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    string ProductToken() => options.Value.UserAgent.Split('/', ' ')[0];
}
