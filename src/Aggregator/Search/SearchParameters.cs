using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Aggregator.Search;

/// <summary>One query-string parameter of the job query.</summary>
/// <param name="IsList">Repeatable or comma-separated; the values are alternatives.</param>
/// <param name="SortOnly">Taken only where the endpoint sorts on request (the search API).</param>
/// <param name="PageOnly">Taken only where the endpoint answers in pages (not by the trends).</param>
public sealed record SearchParameter(string Name, string Description, bool IsList = false, bool SortOnly = false, bool PageOnly = false);

/// <summary>
/// The one list of the job query's parameters. The parser accepts exactly these, the OpenAPI document lists
/// them on every endpoint that takes the query, and the tests check both against it.
/// </summary>
public static class SearchParameters
{
    public static readonly IReadOnlyList<SearchParameter> All =
    [
        new("q", $"Full-text query (web search syntax: \"quoted phrases\", or, -not); at most {JobQueryParser.MaxQueryLength} characters. Falls back to title similarity when nothing matches."),
        new("role", "Taxonomy role slug (GET /api/roles lists them); not-digital is allowed.", IsList: true),
        new("family", "Role family slug (GET /api/roles lists them).", IsList: true),
        new("digital", "true (default): digital roles only; false: not-digital only; any: both. With role and no digital, the roles decide."),
        new("level", "Seniority: entry, mid, senior, lead, principal, manager, director, executive.", IsList: true),
        new("jurisdiction", "Jurisdiction id or name slug (GET /api/jurisdictions lists them).", IsList: true),
        new("region", "ISO 3166-2 code (US-MD); matches any of a job's locations.", IsList: true),
        new("country", "ISO 3166-1 alpha-2 code (US); matches any of a job's locations.", IsList: true),
        new("remote", "remote, hybrid, on-site, or true (= remote) / false (= anything but remote, including not stated; combines with nothing else).", IsList: true),
        new("salary_min", "Annual amount; matches jobs whose annualized range reaches it. Jobs without a salary don't match."),
        new("posted_within", "Days (1–3650): posted (or, without a posting date, first seen) in the last N days."),
        new("closing_within", "Days (1–3650): closing date between now and N days from now."),
        new("source", "Source id (GET /api/sources lists them).", IsList: true),
        new("continuous", "false: leave out continuous postings (standing registers and bulk announcements with no closing date); true: only those."),
        new("open_to_public", "true: leave out postings the source says are not open to the public (for current employees, status candidates or internal applicants only); postings whose source does not say stay. false: only those."),
        new("open_on", "A UTC day, YYYY-MM-DD: the jobs that were open at some time that day, as we knew them then (first seen by the end of the day, and not closed for all of it; a job closed and later reopened counts on the days it was open). Closed jobs are listed too."),
        new("limit", "Page size.", PageOnly: true),
        new("cursor", "Opaque position from a previous page (nextCursor, or a feed's next link), bound to these filters and this sort.", PageOnly: true),
        new("sort", "relevance (default with q; needs q), posted (default without q), closing (soonest first) or salary (highest first).", SortOnly: true),
    ];

    /// <summary>The parameters an endpoint with these rules accepts.</summary>
    public static IEnumerable<SearchParameter> Accepted(JobQueryRules rules) =>
        All.Where(p => (rules.AllowSort || !p.SortOnly) && (rules.Paged || !p.PageOnly)).Concat(rules.Extra);

    /// <summary>Marks an endpoint as taking the job query under <paramref name="rules"/>, for the OpenAPI document.</summary>
    public static TBuilder AcceptsJobQuery<TBuilder>(this TBuilder endpoint, JobQueryRules rules) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(rules);

    /// <summary>Lists the job query's parameters on every operation marked with <see cref="AcceptsJobQuery"/>.</summary>
    public static OpenApiOptions AddJobQueryParameters(this OpenApiOptions options) => options.AddOperationTransformer((operation, context, _) =>
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JobQueryRules>().LastOrDefault() is not { } rules)
            return Task.CompletedTask;
        operation.Parameters ??= [];
        foreach (var parameter in Accepted(rules))
        {
            var description = parameter.Name == "limit"
                ? $"Page size: 1–{rules.MaxLimit}, default {rules.DefaultLimit}."
                : parameter.Description;
            var text = new OpenApiSchema { Type = JsonSchemaType.String };
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = description,
                Schema = parameter.IsList ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = text } : text,
                Style = ParameterStyle.Form,
                Explode = parameter.IsList,
            });
        }
        return Task.CompletedTask;
    });
}
