using Aggregator.Normalization;

namespace Aggregator.Search;

/// <summary>
/// What a query is called wherever it is shown as a title (a feed, the calendar, a page, an embed), so a subscription
/// and the page it came from say the same thing. Plain text: names and <c>q</c> pass <see cref="PlainText"/>.
/// </summary>
public static class JobQueryTitle
{
    /// <param name="named">Names the caller resolved (a role feed's role, the jurisdictions a filter named).</param>
    public static string Of(JobQuery query, IReadOnlyList<string> named)
    {
        var filters = named.Select(n => PlainText.Of(n)).ToList();
        if (PlainText.OrNull(query.Q) is { } q)
            filters.Add($"“{q}”");
        filters.AddRange(query.Roles.Where(r => named.Count == 0 || query.Roles.Count > 1).Select(r => Taxonomy.TryGet(r, out var c) ? c.DisplayName : r));
        filters.AddRange(query.Regions);
        filters.AddRange(query.Countries);
        filters.AddRange(query.Workplaces);
        return (query.Digital == false ? "Government jobs (not digital)" : "Government digital jobs") + (filters.Count > 0 ? ": " + string.Join(", ", filters.Distinct()) : "");
    }
}
