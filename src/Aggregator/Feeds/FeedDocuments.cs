using System.Text;
using Aggregator.Http;
using Aggregator.Normalization;
using Aggregator.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aggregator.Feeds;

public enum FeedFormat { Atom, Rss, Json, Calendar }

/// <summary>Which feed a path names: every job, one taxonomy role, or one jurisdiction (numeric id or name slug).</summary>
public sealed record FeedScope(string? Role, string? Jurisdiction)
{
    public static readonly FeedScope All = new(null, null);
}

/// <summary>A feed request that passed validation: the query to run and the jurisdictions its title names.</summary>
public sealed record FeedRequest(FeedFormat Format, JobQuery Query, List<string> Named);

/// <summary>
/// What a feed is, apart from how it is answered: the request's validation (the filters, the scope in the path), its
/// feed-level facts and its bytes. The feed endpoints answer readers with it, and the WebSub hub (<see cref="WebSubHub"/>)
/// checks topics and renders what it pushes with the same code, so a pushed body is the body a reader gets.
/// </summary>
public static class FeedDocuments
{
    static readonly Dictionary<FeedFormat, string> contentTypes = new()
    {
        [FeedFormat.Atom] = "application/atom+xml; charset=utf-8",
        [FeedFormat.Rss] = "application/rss+xml; charset=utf-8",
        [FeedFormat.Json] = "application/feed+json; charset=utf-8",
        [FeedFormat.Calendar] = "text/calendar; charset=utf-8",
    };

    public static string ContentType(FeedFormat format) => contentTypes[format];

    /// <summary>Where the WebSub hub (<see cref="WebSubApi"/>) answers.</summary>
    public const string HubPath = "/websub";

    /// <summary>The hub every feed advertises (<c>rel="hub"</c>), on the public origin.</summary>
    public static Uri Hub(HttpRequest request) => new(SiteOptions.Origin(request) + HubPath);

    /// <summary>The request's query, or the 400 (bad filters) or 404 (unknown role or jurisdiction) a reader gets instead.</summary>
    public static async Task<(FeedRequest? Feed, IResult? Error)> ValidateAsync(HttpRequest request, FeedFormat format, FeedScope scope,
        JobQueryResolver resolver, CancellationToken ct)
    {
        var (parsed, errors) = JobQueryParser.Parse(request.Query, format == FeedFormat.Calendar ? JobQueryRules.Calendar : JobQueryRules.Feed);
        if (parsed is null)
            return (null, JobQueryResolver.Invalid(errors));
        var query = parsed;
        var named = new List<string>();
        if (scope.Role is { } role)
        {
            if (!Taxonomy.IsKnown(role))
                return (null, TypedResults.Problem(statusCode: 404, title: "Unknown role", detail: $"'{role}' is not a role slug of the taxonomy; /api/roles lists them and /feeds.opml every role feed."));
            if (request.Query.ContainsKey("role"))
                return (null, JobQueryResolver.Invalid(new() { ["role"] = ["The role is given by the path; don't repeat it as a parameter."] }));
            query = query with { Roles = [role], Digital = request.Query.ContainsKey("digital") ? query.Digital : null };
            named.Add(Taxonomy.TryGet(role, out var category) ? category.DisplayName : role);
        }
        if (scope.Jurisdiction is { } jurisdiction)
        {
            if (request.Query.ContainsKey("jurisdiction"))
                return (null, JobQueryResolver.Invalid(new() { ["jurisdiction"] = ["The jurisdiction is given by the path; don't repeat it as a parameter."] }));
            query = query with { Jurisdictions = [jurisdiction.ToLowerInvariant()] };
        }
        if (format == FeedFormat.Calendar)
            query = query with { WithClosingDate = true, Sort = JobSort.Closing };

        var (resolved, problems, jurisdictionNames) = await resolver.ResolveAsync(query, request.Query["cursor"], ct);
        if (resolved is null)
        {
            if (scope.Jurisdiction is not null && problems.ContainsKey("jurisdiction"))
                return (null, TypedResults.Problem(statusCode: 404, title: "Unknown jurisdiction", detail: $"No jurisdiction has the id or slug '{scope.Jurisdiction}'; /api/jurisdictions lists them."));
            return (null, JobQueryResolver.Invalid(problems));
        }
        named.AddRange(jurisdictionNames);
        return (new FeedRequest(format, resolved, named), null);
    }

    /// <summary>What a validation error says, as one line (for the hub's own 400 about a topic).</summary>
    public static string Describe(IResult error) => error switch
    {
        ValidationProblem v => v.ProblemDetails.Detail ?? string.Join(" ", v.ProblemDetails.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        ProblemHttpResult p => p.ProblemDetails.Detail ?? p.ProblemDetails.Title ?? "not a feed",
        _ => "not a feed",
    };

    public static FeedInfo Info(HttpRequest request, FeedRequest feed, JobPage page, DateTimeOffset now)
    {
        var origin = SiteOptions.Origin(request);
        var self = new Uri(origin + request.Path + request.QueryString);
        // Names and q reach the feed title and the calendar name: shown as plain text, like every other field.
        var title = JobQueryTitle.Of(feed.Query, feed.Named);
        var description = feed.Query.Sort == JobSort.Closing
            ? "Closing dates of open government jobs, soonest first."
            : "Open government jobs from their career sites, newest first.";
        return new FeedInfo(title, description, self, new Uri(origin + "/"), PageLinks.Page(request, null),
            page.Next is null ? null : PageLinks.Page(request, page.Next.Encode(feed.Query)), now,
            // The calendar is no WebSub topic: calendar clients poll.
            feed.Format == FeedFormat.Calendar ? null : Hub(request));
    }

    public static byte[] Render(FeedFormat format, FeedInfo info, JobPage page) => format switch
    {
        FeedFormat.Atom => FeedBuilder.Atom(FeedBuilder.Build(info, page.Items, atom: true)),
        FeedFormat.Rss => FeedBuilder.Rss(FeedBuilder.Build(info, page.Items, atom: false)),
        FeedFormat.Json => FeedBuilder.Json(info, page.Items),
        _ => Encoding.UTF8.GetBytes(CalendarBuilder.Build(info, page.Items)),
    };

    /// <summary>The <c>Link</c> header of a feed answer (and of a WebSub push): self, hub, and the pages.</summary>
    public static string LinkHeader(FeedInfo info) =>
        PageLinks.Header(("self", info.Self), ("hub", info.Hub), ("first", info.First), ("next", info.Next));
}
