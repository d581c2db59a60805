using System.Collections.Concurrent;
using System.Globalization;
using Aggregator.Http;
using Aggregator.Postings;
using Aggregator.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Aggregator.Feeds;

/// <summary>
/// Feeds' answers as they were sent (status 200, headers, the body after compression), one per address, encoding and origin,
/// so a reader's unconditional fetch of a feed is written straight from memory, like a static file: no routing, CORS,
/// output cache or compression runs, and the body leaves in one piece (<see cref="WholeBody"/>). A hot feed fetched
/// by thousands of readers costs about what the server itself costs (bench/README.md, "Third pass at a million").
/// <para>
/// An answer is kept at the jobs version it was rendered at and served only at that version; <see cref="FeedValidators"/>
/// drops them all when the version moves or a change is announced, so an answer never outlives a change by more than
/// the second the version is trusted. It also lives at most <c>Feeds:CacheSeconds</c>, and all of them take at most
/// <c>Feeds:CacheMegabytes</c> (past it the least recently used go). Concurrent first fetches of one address render it
/// once: the others wait for that answer. Kept: GETs that answered 200 with an ETag and no cookie, at most
/// <see cref="JobsCache.MaxEntryBytes"/>, and not later pages or long one-off searches (<see cref="JobsCache.WorthKeeping"/>).
/// </para>
/// </summary>
public sealed class FeedAnswers : IDisposable
{
    readonly MemoryCache memory;
    readonly TimeSpan lifetime;
    readonly ConcurrentDictionary<string, Task<Answer?>> rendering = new(StringComparer.Ordinal);
    int generation;

    public FeedAnswers(IOptions<FeedsOptions> options)
    {
        var feeds = options.Value;
        memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, feeds.CacheMegabytes) * 1024L * 1024 });
        lifetime = TimeSpan.FromSeconds(Math.Max(1, feeds.CacheSeconds));
    }

    /// <summary>One kept answer: what is written again, the jobs version it shows, and when it was kept (<see cref="Environment.TickCount64"/>).</summary>
    public sealed record Answer(long Version, KeyValuePair<string, StringValues>[] Headers, byte[] Body, long Kept)
    {
        /// <summary>What it takes in memory, roughly: the body, the headers' characters, and the objects around them.</summary>
        public long Size => Body.Length + 256 + Headers.Sum(h => 48L + h.Key.Length * 2 + h.Value.Sum(v => (v?.Length ?? 0) * 2L));
    }

    /// <summary>
    /// How much of a connection's response may wait unsent before its writer waits too (Kestrel's socket transport,
    /// <c>MaxWriteBufferSize</c>; 64 KB by default). A kept answer is in memory whole and written whole either way; under
    /// 64 KB a default feed's flush waited for the socket, and the request's every middleware resumed on another thread
    /// (a tenth of its CPU). At 256 KB a feed of up to about 80 entries leaves at once; streamed answers (exports) hold
    /// at most this much per connection.
    /// </summary>
    public const long UnsentBytes = 256 * 1024;

    /// <summary>Response headers the server writes itself on every answer, never kept.</summary>
    static readonly HashSet<string> ServerHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.Server, HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Connection, HeaderNames.KeepAlive,
    };

    /// <summary>
    /// What tells answers of one address apart: the encoding asked for (the body is kept compressed as sent), and whether
    /// the request was cross-origin (its answer carries the CORS headers, the same for every origin since any is allowed).
    /// </summary>
    static string Variant(HttpRequest request, string address) =>
        string.Concat(address, StringValues.IsNullOrEmpty(request.Headers.Origin) ? "\n\n" : "\ncors\n", request.Headers.AcceptEncoding.ToString());

    /// <summary>Forgets every answer, and any being rendered now: the jobs changed.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref generation);
        memory.Clear();
    }

    /// <summary>
    /// Answers a GET or HEAD of the feed at <paramref name="address"/> from memory when an answer at <paramref name="version"/>
    /// is kept, or once another request's render of it is done; otherwise runs <paramref name="next"/> and keeps its answer.
    /// With the version unknown (the database is not answering) any kept answer is served, as a cache would, and nothing is kept.
    /// </summary>
    public async Task ServeAsync(HttpContext http, RequestDelegate next, string address, long? version)
    {
        var request = http.Request;
        var key = Variant(request, address);
        if (memory.TryGetValue(key, out Answer? kept) && (version is null || kept!.Version == version))
        {
            AggregatorMetrics.CacheLookup(hit: true);
            await WriteAsync(http, kept!);
            return;
        }
        AggregatorMetrics.CacheLookup(hit: false);
        if (version is null || !HttpMethods.IsGet(request.Method) || !JobsCache.WorthKeeping(request))
        {
            await next(http);
            return;
        }

        var mine = new TaskCompletionSource<Answer?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flight = rendering.GetOrAdd(key, mine.Task);
        if (flight != mine.Task)
        {
            // Another request is rendering this very answer: wait for it rather than render it again.
            if (await flight.WaitAsync(http.RequestAborted) is { } rendered && rendered.Version == version)
                await WriteAsync(http, rendered);
            else
                await next(http);
            return;
        }
        Answer? answer = null;
        var before = Volatile.Read(ref generation);
        try
        {
            answer = await CaptureAsync(http, next, version.Value);
            // Neither kept nor handed to the waiting requests when the answers were dropped meanwhile: it may show rows
            // read before the change.
            if (before != Volatile.Read(ref generation))
                answer = null;
            if (answer is not null)
                memory.Set(key, answer, new MemoryCacheEntryOptions { Size = answer.Size, AbsoluteExpirationRelativeToNow = lifetime });
        }
        finally
        {
            rendering.TryRemove(new KeyValuePair<string, Task<Answer?>>(key, mine.Task));
            mine.SetResult(answer);
        }
    }

    /// <summary>
    /// Runs the rest of the pipeline with the response body copied as it is written, and returns the answer when it is
    /// one to keep (see the class summary); the client receives the same bytes either way.
    /// </summary>
    static async Task<Answer?> CaptureAsync(HttpContext http, RequestDelegate next, long version)
    {
        var sent = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await using var copy = new CopyingStream(sent.Stream, JobsCache.MaxEntryBytes);
        var copying = new StreamResponseBodyFeature(copy, sent);
        http.Features.Set<IHttpResponseBodyFeature>(copying);
        try
        {
            await next(http);
            await copying.CompleteAsync();
        }
        finally
        {
            http.Features.Set(sent);
        }

        var response = http.Response;
        if (response.StatusCode != StatusCodes.Status200OK || StringValues.IsNullOrEmpty(response.Headers.ETag)
            || response.Headers.ContainsKey(HeaderNames.SetCookie) || copy.Copied is not { } body)
            return null;
        var headers = response.Headers.Where(h => !ServerHeaders.Contains(h.Key)).ToArray();
        return new Answer(version, headers, body, Environment.TickCount64);
    }

    /// <summary>Writes a kept answer, with its <c>Age</c> (RFC 9111 §5.1) as any cache would, and its body in one piece.</summary>
    static Task WriteAsync(HttpContext http, Answer answer)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in answer.Headers)
            response.Headers[name] = value;
        response.Headers.Age = ((Environment.TickCount64 - answer.Kept) / 1000).ToString(CultureInfo.InvariantCulture);
        return WholeBody.WriteAsync(response, answer.Body, http.RequestAborted);
    }

    public void Dispose() => memory.Dispose();

    /// <summary>Passes every write on to the response and keeps a copy of the first <c>limit</c> bytes; past them, none.</summary>
    sealed class CopyingStream(Stream inner, long limit) : Stream
    {
        MemoryStream? copy = new();

        /// <summary>Every byte written, or null when there were more than the limit.</summary>
        public byte[]? Copied => copy?.ToArray();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        void Keep(ReadOnlySpan<byte> bytes)
        {
            if (copy is null)
                return;
            if (copy.Length + bytes.Length > limit)
            {
                copy = null;
                return;
            }
            copy.Write(bytes);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
