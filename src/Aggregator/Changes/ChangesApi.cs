using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Aggregator.Http;
using Aggregator.Normalization;
using Aggregator.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Aggregator.Changes;

public sealed record ChangeLogResult(
    IReadOnlyList<ChangeEntry> Items,
    [property: Description("Pass as since for the changes after these; present on every page, the last one included, so a mirror keeps it and asks again later.")] string NextCursor,
    [property: Description("Whether more changes are already there after this page.")] bool More);

/// <summary>
/// GET /api/changes?since=&lt;cursor&gt;&amp;limit=N     every creation, update, close and reopening of every job, in order, cursor-paged
/// </summary>
public static class ChangesApi
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 5000;
    const string CursorContext = "aggregator-changes-v1\u001f";

    /// <summary>A full page never changes again; the last one grows as changes are recorded.</summary>
    static readonly TimeSpan FullPageMaxAge = TimeSpan.FromHours(1);
    static readonly TimeSpan LastPageMaxAge = TimeSpan.FromMinutes(1);

    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Research").MapGet("/changes", PageAsync).WithName("ChangeLog")
            .WithSummary("The change log: every creation, update, close and reopening, in order")
            .WithDescription("Pages of job_changes in the order they were recorded. Start without since; keep nextCursor and pass it as since to get what "
                + "happened after. A page never passes a change a running transaction could still add before it, so a mirror that follows nextCursor misses nothing.")
            .ProducesValidationProblem();
        return app;
    }

    static readonly string[] Known = ["since", "limit"];

    static async Task<Results<Ok<ChangeLogResult>, ValidationProblem>> PageAsync(
        HttpContext http, ChangeLogStore store, CancellationToken ct,
        [Description("Opaque position (nextCursor of an earlier page): the changes recorded after it. Without it, from the first change.")] string? since = null,
        [Description("Changes per page: 1–5000, default 500.")] string? limit = null)
    {
        var query = http.Request.Query;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var known = Known;
        foreach (var key in query.Keys.Where(k => !known.Contains(k)).Take(5))
            errors[key.Length <= 60 ? key : key[..60] + "…"] = [$"Unknown parameter. Known parameters: {string.Join(", ", known)}."];
        foreach (var (key, values) in query.Where(q => known.Contains(q.Key)))
        {
            if (values.Count > 1)
                errors[key] = ["Give this parameter once."];
            else if (values.Select(v => v is null ? null : PlainText.FirstForbidden(v)).FirstOrDefault(f => f is not null) is { } forbidden)
                errors[key] = [$"Contains {forbidden}; remove it."];
        }
        var size = DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit) && !errors.ContainsKey("limit")
            && !(int.TryParse(limit.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= MaxLimit))
            errors["limit"] = [$"Expected a whole number from 1 to {MaxLimit}."];
        var after = ChangePosition.Start;
        if (!string.IsNullOrWhiteSpace(since) && !errors.ContainsKey("since"))
        {
            if (Decode(since.Trim()) is { } position)
                after = position;
            else
                errors["since"] = ["Not a cursor this service issued for the change log. Start again without since."];
        }
        if (errors.Count > 0)
            return JobQueryResolver.Invalid(errors);

        var page = await store.PageAsync(after, size, ct);
        var next = Encode(page.Next);
        http.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = page.More ? FullPageMaxAge : LastPageMaxAge };
        var nextUrl = new Uri($"{SiteOptions.Origin(http.Request)}{http.Request.Path}{QueryString.Create([.. query.Where(q => q.Key != "since"), new("since", next)])}");
        http.Response.Headers.Link = PageLinks.Header(("next", nextUrl));
        // Values were stored by whatever release saw them; they leave as plain text, like the job's own history.
        var items = page.Items.Select(c => c with { OldValue = PlainText.OrNull(c.OldValue, int.MaxValue), NewValue = PlainText.OrNull(c.NewValue, int.MaxValue) });
        return TypedResults.Ok(new ChangeLogResult([.. items], next, page.More));
    }

    static string Encode(ChangePosition position) =>
        OpaqueCursor.Encode(CursorContext, JsonSerializer.SerializeToUtf8Bytes(new object[] { position.Tx.ToString(CultureInfo.InvariantCulture), position.Id }));

    static ChangePosition? Decode(string text)
    {
        if (OpaqueCursor.Decode(text, CursorContext) is not { } payload)
            return null;
        try
        {
            using var json = JsonDocument.Parse(payload);
            var items = json.RootElement;
            if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() != 2
                || !ulong.TryParse(items[0].GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var tx) || items[1].GetInt64() < 0)
                return null;
            return new ChangePosition(tx, items[1].GetInt64());
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
