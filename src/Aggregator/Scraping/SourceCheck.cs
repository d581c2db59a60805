using System.Net;
using System.Text.Json.Serialization;
using Aggregator.Normalization;
using Aggregator.Sources;
using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Neogov;
using Aggregator.Sources.Adapters.SuccessFactors;
using Aggregator.Sources.Adapters.UsaJobs;
using Aggregator.Sources.Fetching;
using Microsoft.Extensions.Options;

namespace Aggregator.Scraping;

/// <summary>One thing that looks wrong with a source, with a stable <see cref="Kind"/> a script can match on.</summary>
public sealed record CheckProblem(string Kind, string Message)
{
    /// <summary>The message as plain text: an adapter's message may quote the page it could not read.</summary>
    public string Message { get; } = PlainText.Of(Message, 2000);

    public const string RobotsDisallow = "robots-disallow";
    public const string HttpError = "http-error";
    public const string Unreachable = "unreachable";
    public const string HtmlInsteadOfData = "html-instead-of-data";
    public const string Unreadable = "unreadable";
    public const string ZeroItems = "zero-items";
    public const string NotConfigured = "not-configured";
}

/// <summary>What <c>sources check</c> found for one definition: its first page, and what looks wrong.</summary>
public sealed record SourceCheckResult(
    string Id, string Platform, string Access, string? Url, bool? RobotsAllowed, int? HttpStatus, int? Items, int? AnnouncedTotal,
    IReadOnlyList<string> FirstTitles, IReadOnlyList<CheckProblem> Problems, double Seconds)
{
    [JsonPropertyOrder(-1)]
    public bool Healthy => Problems.Count == 0;
}

/// <summary>
/// Fetches robots.txt and the first page of a source through the real fetcher (its User-Agent, robots.txt handling,
/// per-host delay and limits), parses the page with the source's adapter, and says what looks wrong. Follows no
/// further page and no detail: a maintainer checks a hundred definitions in minutes, and a site sees two requests.
/// </summary>
public sealed class SourceCheck(Fetcher fetcher, IOptions<UsaJobsOptions> usaJobs, TimeProvider time)
{
    const int TitlesShown = 3;

    public async Task<SourceCheckResult> CheckAsync(SourceDefinition definition, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var problems = new List<CheckProblem>();
        var adapter = AdapterRegistry.Get(definition.Platform.Name);
        var context = new SourceContext(definition, DefinitionLoader.EffectiveTimeZone(definition), time.GetUtcNow())
        {
            Secrets = new Dictionary<string, string>(usaJobs.Value.Secrets(), StringComparer.Ordinal),
        };
        FetchRequest request;
        try
        {
            request = adapter.Start(context).First();
        }
        catch (AdapterException e)
        {
            // The adapter cannot even say what to fetch: a credential this deployment lacks (UsaJobs:ApiKey).
            return new(definition.Id, definition.Platform.Name, definition.Access, null, null, null, null, null, [],
                [new(CheckProblem.NotConfigured, e.Message)], 0);
        }
        request = request with { IsPage = request.IsPage || definition.Access == "page" };
        SourceCheckResult Result(bool? robots, int? status, AdapterPage? page)
        {
            var listed = page is null ? [] : Listed(page);
            return new(definition.Id, definition.Platform.Name, definition.Access, request.Url.ToString(), robots, status, page is null ? null : listed.Count,
                page?.ExpectedTotal, [.. listed.Take(TitlesShown).Select(p => PlainText.Of(p.Title, 120))], problems,
                Math.Round(time.GetElapsedTime(started).TotalSeconds, 2));
        }

        // robots.txt is read for every source, so the report shows it; it stops only requests that crawl pages.
        var robotsAllowed = await fetcher.RobotsAllowAsync(request.Url, ct);
        if (!robotsAllowed && request.IsPage)
        {
            problems.Add(new(CheckProblem.RobotsDisallow, $"{request.Url.GetLeftPart(UriPartial.Authority)}/robots.txt disallows {request.Url.PathAndQuery} for our product token; the source cannot be crawled"));
            return Result(robotsAllowed, null, null);
        }

        FetchResult fetched;
        try
        {
            fetched = await fetcher.FetchAsync(request, null, ct);
        }
        catch (FetchException e)
        {
            problems.Add(e.Status is { } code ? new(CheckProblem.HttpError, e.Message) : new(CheckProblem.Unreachable, e.Message));
            return Result(robotsAllowed, e.Status is { } s ? (int)s : null, null);
        }

        var content = fetched.Content!;
        AdapterPage page;
        try
        {
            page = adapter.Parse(context, request, content);
        }
        catch (AdapterException e)
        {
            problems.Add(IsHtml(content) && !ReadsHtml(definition)
                ? new(CheckProblem.HtmlInsteadOfData, $"answered an HTML page ({content.MediaType ?? "no content type"}) where the {definition.Platform.Name} adapter reads its platform's data: {e.Message}")
                : new(CheckProblem.Unreadable, e.Message));
            return Result(robotsAllowed, (int)HttpStatusCode.OK, null);
        }
        if (Listed(page).Count == 0)
            problems.Add(new(CheckProblem.ZeroItems, page.EmptyMeans is { } means
                ? $"the first page lists no postings: {means}"
                : "the first page lists no postings; an empty board is possible, but check the definition's tenant, slug or URL"));
        return Result(robotsAllowed, (int)HttpStatusCode.OK, page);
    }

    /// <summary>The postings the first page lists: those it completed, and those it hands on to their detail request
    /// (SmartRecruiters, Oracle and Workday list a posting and complete it from its own page).</summary>
    static List<RawPosting> Listed(AdapterPage page) =>
        [.. page.Postings.Concat(page.Next.Select(n => n.Detail).OfType<RawPosting>()).DistinctBy(p => p.ExternalId)];

    static bool IsHtml(FetchedContent content) =>
        content.MediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true
        || content.Text.TrimStart().StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
        || content.Text.TrimStart().StartsWith("<html", StringComparison.OrdinalIgnoreCase);

    /// <summary>Adapters whose first page is HTML by design: an HTML answer that they cannot read is a changed page, not a wrong format.</summary>
    static bool ReadsHtml(SourceDefinition definition) => definition.Platform.Settings switch
    {
        NeogovSettings neogov => neogov.PageMode,
        SuccessFactorsSettings successFactors => successFactors.Mode == "page",
        _ => definition.Platform.Name is "html" or "jsonld" or "uk-csj" or "icims" or "taleo" or "jobaps",
    };
}
