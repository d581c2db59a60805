using Aggregator.Sources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace Aggregator.Search;

/// <summary>A query ready to run, or the problems that stop it, with the names of the jurisdictions it named (for titles).</summary>
public sealed record ResolvedQuery(JobQuery? Query, Dictionary<string, string[]> Errors, IReadOnlyList<string> JurisdictionNames);

/// <summary>
/// The step every reader takes between parsing a query string and running it: turns jurisdiction ids and name
/// slugs into ids, checks that named sources exist, then checks the cursor against the complete query.
/// Endpoints call this, never each other.
/// </summary>
public sealed class JobQueryResolver(SourceStore sources, JurisdictionDirectory jurisdictions)
{
    public async Task<ResolvedQuery> ResolveAsync(JobQuery query, StringValues cursor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var names = new List<string>();
        if (query.Jurisdictions.Count > 0)
        {
            var resolved = await jurisdictions.ResolveAsync(query.Jurisdictions, ct);
            var ids = new List<long>();
            foreach (var (token, matches) in query.Jurisdictions.Zip(resolved))
            {
                if (matches.Count == 0)
                    errors["jurisdiction"] = [.. errors.GetValueOrDefault("jurisdiction", []), $"No jurisdiction has the id or slug '{token}' (see /api/jurisdictions)."];
                ids.AddRange(matches.Select(j => j.Id));
                names.AddRange(matches.Select(j => j.Name));
            }
            query = query with { JurisdictionIds = [.. ids.Distinct().Order()] };
        }
        if (query.Sources.Count > 0)
        {
            var known = await sources.KnownSourceIdsAsync([.. query.Sources], ct);
            foreach (var missing in query.Sources.Except(known, StringComparer.Ordinal))
                errors["source"] = [.. errors.GetValueOrDefault("source", []), $"No source has the id '{missing}' (see /api/sources)."];
        }
        if (cursor.Count > 1)
            errors["cursor"] = ["Give this parameter once."];
        if (errors.Count > 0)
            return new ResolvedQuery(null, errors, names);
        var (withCursor, cursorError) = JobQueryParser.WithCursor(query, cursor.FirstOrDefault());
        if (cursorError is not null)
            return new ResolvedQuery(null, new() { ["cursor"] = [cursorError] }, names);
        return new ResolvedQuery(withCursor, errors, names);
    }

    /// <summary>The summary repeats what <c>errors</c> says; past this it stops, so an answer stays small whatever was sent.</summary>
    const int MaxDetailLength = 1000;

    /// <summary>The 400 every reader answers a bad query with: RFC 9457 problem details naming each parameter and why.</summary>
    public static ValidationProblem Invalid(Dictionary<string, string[]> errors)
    {
        var detail = string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
        return TypedResults.ValidationProblem(errors, title: "Invalid query parameter",
            detail: detail.Length <= MaxDetailLength ? detail : detail[..MaxDetailLength] + "… (errors lists every problem)");
    }
}
