namespace Aggregator.Sources.Adapters;

/// <summary>
/// A platform adapter turns fetched content into postings. Adapters are pure: they never do I/O. The
/// runner asks <see cref="Start"/> for the first requests, fetches each, hands the content to
/// <see cref="Parse"/>, and fetches whatever follow-up requests (next pages, detail pages) it returns.
/// </summary>
public interface ISourceAdapter
{
    /// <summary>The key under <c>platform:</c> in a definition file (<c>usajobs</c>, <c>neogov</c>).</summary>
    string Platform { get; }

    /// <summary>The settings class the <c>platform.&lt;key&gt;</c> block deserializes into.</summary>
    Type SettingsType { get; }

    /// <summary>
    /// The largest response this platform legitimately sends, for its default size cap; null: <c>Scraping:MaxResponseBytes</c>.
    /// A definition's <c>max_response_bytes</c> overrides it.
    /// </summary>
    long? MaxResponseBytes { get; }

    IEnumerable<FetchRequest> Start(SourceContext source);

    /// <exception cref="AdapterException">The content is not what this platform serves (an error page, broken markup).</exception>
    AdapterPage Parse(SourceContext source, FetchRequest request, FetchedContent content);
}

/// <summary>
/// Base of every adapter: types the settings and owns the list/detail protocol. A list page that wants a
/// posting completed from its own page emits <see cref="DetailRequest"/>; the response comes back to
/// <see cref="ParseDetail"/> together with the posting it completes.
/// </summary>
public abstract class SourceAdapter<TSettings> : ISourceAdapter where TSettings : PlatformSettings
{
    public abstract string Platform { get; }
    public Type SettingsType => typeof(TSettings);
    public virtual long? MaxResponseBytes => null;

    public IEnumerable<FetchRequest> Start(SourceContext source) => Start(source, source.Settings<TSettings>());

    public AdapterPage Parse(SourceContext source, FetchRequest request, FetchedContent content)
    {
        var settings = source.Settings<TSettings>();
        if (request.Kind == "detail")
        {
            var listed = request.Detail
                ?? throw new AdapterException($"{content.Url}: a {Platform} detail request must carry the posting it completes");
            return new AdapterPage([ParseDetail(source, settings, listed, content)]);
        }
        return Parse(source, settings, request, content);
    }

    protected abstract IEnumerable<FetchRequest> Start(SourceContext source, TSettings settings);
    protected abstract AdapterPage Parse(SourceContext source, TSettings settings, FetchRequest request, FetchedContent content);

    /// <summary>A request for <paramref name="listed"/>'s own page, answered through <see cref="ParseDetail"/>.
    /// The runner skips it when the posting is already stored.</summary>
    protected static FetchRequest DetailRequest(Uri url, RawPosting listed) => new(url) { Kind = "detail", Detail = listed };

    /// <summary>Completes <paramref name="listed"/> from its detail page.</summary>
    /// <exception cref="AdapterException">The page is not the posting page this platform serves.</exception>
    protected virtual RawPosting ParseDetail(SourceContext source, TSettings settings, RawPosting listed, FetchedContent content) =>
        throw new AdapterException($"{content.Url}: the {Platform} adapter reads no detail pages");
}

/// <summary>What an adapter knows about the source it is reading: the definition, its zone, the fetch time.</summary>
public sealed record SourceContext(SourceDefinition Definition, TimeZoneInfo TimeZone, DateTimeOffset Now)
{
    public T Settings<T>() where T : PlatformSettings =>
        Definition.Platform.Settings as T
        ?? throw new InvalidOperationException($"{Definition.Id}: platform settings are {Definition.Platform.Settings?.GetType().Name ?? "missing"}, expected {typeof(T).Name}");

    /// <summary>Credentials from configuration (never from definition files), by configuration key
    /// (<c>UsaJobs:ApiKey</c>).</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>Converts a wall-clock time of the source's zone to UTC.</summary>
    public DateTimeOffset FromLocal(DateTime local) => TimeZones.FromLocal(local, TimeZone);
}

/// <summary>One HTTP request an adapter wants made.</summary>
public sealed record FetchRequest(Uri Url)
{
    public HttpMethod Method { get; init; } = HttpMethod.Get;
    /// <summary>Request body (JSON for Workday CXS) and its media type.</summary>
    public string? Body { get; init; }
    public string BodyMediaType { get; init; } = "application/json";
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>What the adapter should make of the response: "list", "detail" (made by
    /// <c>SourceAdapter.DetailRequest</c> and answered by its <c>ParseDetail</c>), or its own label.</summary>
    public string Kind { get; init; } = "list";
    /// <summary>For a detail request: the posting it completes. The runner skips the request (and keeps
    /// what is stored) when that posting is already known, so detail pages are fetched once.</summary>
    public RawPosting? Detail { get; init; }
    /// <summary>Adapter-private state carried to <see cref="ISourceAdapter.Parse"/> (a page number, a facet).</summary>
    public object? State { get; init; }
    /// <summary>Whether robots.txt applies: page crawling does, a published API or feed does not (see <c>access</c>).</summary>
    public bool IsPage { get; init; }
    /// <summary>Larger responses are refused; null: <c>Scraping:MaxResponseBytes</c>. Set by the collector from the
    /// definition and the platform.</summary>
    public long? MaxResponseBytes { get; init; }
}

/// <summary>The response body with what is needed to decode it.</summary>
public sealed record FetchedContent(Uri Url, byte[] Body, string? MediaType, string? Charset)
{
    /// <summary>The body decoded with the charset from the header, else a BOM, else a &lt;meta charset&gt;, else UTF-8.</summary>
    public string Text => ContentDecoding.Decode(Body, Charset, MediaType);
}

public sealed record AdapterPage(IReadOnlyList<RawPosting> Postings)
{
    /// <summary>Further requests: the next page, facet splits, detail pages.</summary>
    public IReadOnlyList<FetchRequest> Next { get; init; } = [];
    /// <summary>The total the source says it holds for this query, when it says (USAJOBS SearchResultCountAll).</summary>
    public int? ExpectedTotal { get; init; }
    /// <summary>What an answer with no postings most likely means, when the platform answers a mistake with an empty
    /// success (SmartRecruiters' 200 with no postings for an unknown company id). A run that finds zero postings
    /// reports it as the reason it is suspect, so source health names the likely fault instead of a bare count.</summary>
    public string? EmptyMeans { get; init; }
    /// <summary>How long the source asks readers to wait before fetching this again (an RSS <c>ttl</c>). A scheduled run
    /// sooner than that after the last run that read it is skipped, whatever the definition's <c>schedule</c> says.</summary>
    public TimeSpan? RefreshAfter { get; init; }
}

/// <summary>The content is not what the platform serves. The message says what was wrong and where.</summary>
public sealed class AdapterException(string message, Exception? inner = null) : Exception(message, inner);
