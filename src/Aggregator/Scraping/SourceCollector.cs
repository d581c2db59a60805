using Aggregator.Sources;
using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.UsaJobs;
using Aggregator.Sources.Fetching;
using Microsoft.Extensions.Options;

namespace Aggregator.Scraping;

/// <summary>Postings gathered by walking a source's requests, before anything is stored.</summary>
public sealed record Collected(
    IReadOnlyList<RawPosting> Postings, IReadOnlySet<string> SeenOnly, int Requests, int NotModified, long Bytes, int? ExpectedTotal,
    IReadOnlyDictionary<string, Validators> Validators, string? Error)
{
    /// <summary>The first page's explanation of an empty answer (<see cref="AdapterPage.EmptyMeans"/>), if any page gave one.</summary>
    public string? EmptyMeans { get; init; }
    /// <summary>The longest wait any page asked for before it is fetched again (<see cref="AdapterPage.RefreshAfter"/>).</summary>
    public TimeSpan? RefreshAfter { get; init; }
}

/// <summary>Walks one source's requests through the fetcher and its adapter. Touches no database.</summary>
public sealed class SourceCollector(Fetcher fetcher, IOptions<UsaJobsOptions> usaJobs, TimeProvider time)
{
    /// <summary>
    /// Walks the adapter's requests. Never throws for a source problem: the error is returned with whatever
    /// was read before it. Used as is by <c>scrape --dry-run</c>, which passes no database state.
    /// </summary>
    public async Task<Collected> CollectAsync(SourceDefinition definition, IReadOnlySet<string> known, IReadOnlyDictionary<string, Validators> validators, CancellationToken ct)
    {
        var adapter = AdapterRegistry.Get(definition.Platform.Name);
        var cap = definition.MaxResponseBytes ?? adapter.MaxResponseBytes;
        var context = new SourceContext(definition, DefinitionLoader.EffectiveTimeZone(definition), time.GetUtcNow())
        {
            Secrets = new Dictionary<string, string>(usaJobs.Value.Secrets(), StringComparer.Ordinal),
        };
        var postings = new Dictionary<string, RawPosting>(StringComparer.Ordinal);
        var seenOnly = new HashSet<string>(StringComparer.Ordinal);
        // Postings read from a list whose detail request has not been answered yet: only half read.
        var awaitingDetail = new HashSet<string>(StringComparer.Ordinal);
        var newValidators = new Dictionary<string, Validators>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        int requests = 0, notModified = 0;
        long bytes = 0;
        int? expected = null;
        string? emptyMeans = null;
        TimeSpan? refreshAfter = null;
        var queue = new Queue<FetchRequest>();
        try
        {
            foreach (var request in adapter.Start(context))
                queue.Enqueue(request);
            while (queue.TryDequeue(out var request))
            {
                ct.ThrowIfCancellationRequested();
                if (!visited.Add($"{request.Method} {request.Url} {request.Body}"))
                    continue;
                if (request.Detail is { } detail && known.Contains(detail.ExternalId))
                {
                    // Detail pages are fetched once; the stored posting stands until the list says otherwise.
                    postings.Remove(detail.ExternalId);
                    seenOnly.Add(detail.ExternalId);
                    awaitingDetail.Remove(detail.ExternalId);
                    continue;
                }
                if (requests >= definition.MaxRequests)
                    return Result($"stopped after max_requests ({definition.MaxRequests}) with {queue.Count + 1} requests left; raise max_requests if the source is really this large");

                var conditional = request.Method == HttpMethod.Get && request.Detail is null ? validators.GetValueOrDefault(request.Url.ToString()) : null;
                requests++;
                var fetched = await fetcher.FetchAsync(request with { IsPage = request.IsPage || definition.Access == "page", MaxResponseBytes = cap }, conditional, ct);
                bytes += fetched.Bytes;
                if (request.Method == HttpMethod.Get && request.Detail is null && !fetched.Validators.IsEmpty)
                    newValidators[request.Url.ToString()] = fetched.Validators;
                if (fetched.NotModified)
                {
                    notModified++;
                    continue;
                }
                var page = adapter.Parse(context, request, fetched.Content!);
                if (request.Detail is { } completed)
                    awaitingDetail.Remove(completed.ExternalId);
                foreach (var posting in page.Postings)
                {
                    postings[posting.ExternalId] = posting;
                    seenOnly.Remove(posting.ExternalId);
                }
                if (page.ExpectedTotal is { } total)
                    expected = Math.Max(expected ?? 0, total);
                emptyMeans ??= page.EmptyMeans;
                if (page.RefreshAfter is { } wait && wait > (refreshAfter ?? TimeSpan.Zero))
                    refreshAfter = wait;
                foreach (var next in page.Next)
                {
                    queue.Enqueue(next);
                    if (next.Detail is { } pending)
                        awaitingDetail.Add(pending.ExternalId);
                }
            }
            return Result(null);
        }
        catch (Exception e) when (e is FetchException or AdapterException)
        {
            return Result(e.Message);
        }

        Collected Result(string? error)
        {
            // A run that stops early keeps what it read in full. A list's half of a posting whose detail never came
            // would overwrite the stored whole one, or be stored and then never completed, since known postings get
            // no detail request.
            if (error is not null)
            {
                foreach (var id in awaitingDetail)
                    postings.Remove(id);
            }
            return new([.. postings.Values], seenOnly, requests, notModified, bytes, expected, newValidators, error) { EmptyMeans = emptyMeans, RefreshAfter = refreshAfter };
        }
    }
}
