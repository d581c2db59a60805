using Aggregator.Search;
using Microsoft.Extensions.Primitives;

namespace Aggregator.Web;

/// <summary>
/// The filters of a page as its address says them, and the addresses one change away (a facet added or removed, the
/// next page, the same filters as a feed). Parameters keep the order of <see cref="SearchParameters.All"/> and lists are
/// comma-joined, so one set of filters has one address: the page, its feeds and its embed all name it the same way.
/// </summary>
public sealed class FilterState
{
    static readonly Dictionary<string, int> order = SearchParameters.All.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
    static readonly HashSet<string> lists = [.. SearchParameters.All.Where(p => p.IsList).Select(p => p.Name)];

    readonly SortedDictionary<string, List<string>> values;

    FilterState(SortedDictionary<string, List<string>> values) => this.values = values;

    static SortedDictionary<string, List<string>> Empty() => new(Comparer<string>.Create((a, b) =>
        order.GetValueOrDefault(a, int.MaxValue).CompareTo(order.GetValueOrDefault(b, int.MaxValue)) is var c and not 0 ? c : string.CompareOrdinal(a, b)));

    /// <summary>The job query's parameters of a request (others, such as an embed's <c>theme</c>, are left out).</summary>
    public static FilterState From(IQueryCollection query)
    {
        var values = Empty();
        foreach (var (name, raw) in query)
        {
            if (!order.ContainsKey(name))
                continue;
            var items = lists.Contains(name)
                ? raw.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.OrdinalIgnoreCase).ToList()
                : raw.Select(v => v?.Trim() ?? "").Where(v => v.Length > 0).Take(1).ToList();
            if (items.Count > 0)
                values[name] = items;
        }
        return new FilterState(values);
    }

    public IReadOnlyList<string> Values(string name) => values.TryGetValue(name, out var v) ? v : [];

    public string? Value(string name) => values.TryGetValue(name, out var v) ? v[0] : null;

    public bool Has(string name, string value) => Values(name).Contains(value, StringComparer.OrdinalIgnoreCase);

    public bool IsEmpty => values.Keys.All(k => k is "cursor" or "limit" or "sort");

    /// <summary>Adds the value to a list parameter, or removes it when present; back to the first page either way.</summary>
    public FilterState Toggle(string name, string value)
    {
        var copy = Copy(without: "cursor");
        var list = copy.TryGetValue(name, out var existing) ? existing : [];
        if (list.RemoveAll(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase)) == 0)
            list.Add(value);
        if (list.Count == 0)
            copy.Remove(name);
        else
            copy[name] = list;
        return new FilterState(copy);
    }

    /// <summary>The same filters with one parameter set to a value (or removed, for null).</summary>
    public FilterState With(string name, string? value)
    {
        var copy = Copy(without: name == "cursor" ? null : "cursor");
        if (string.IsNullOrEmpty(value))
            copy.Remove(name);
        else
            copy[name] = [value];
        return new FilterState(copy);
    }

    public FilterState Without(params string[] names)
    {
        var copy = Copy(without: null);
        foreach (var name in names)
            copy.Remove(name);
        return new FilterState(copy);
    }

    /// <summary>What a feed takes: the filters, not the page's position, order or size.</summary>
    public FilterState ForFeed() => Without("cursor", "sort", "limit");

    SortedDictionary<string, List<string>> Copy(string? without)
    {
        var copy = Empty();
        foreach (var (k, v) in values)
            if (k != without)
                copy[k] = [.. v];
        return copy;
    }

    /// <summary>Every parameter with its values comma-joined, in the canonical order.</summary>
    public IEnumerable<KeyValuePair<string, StringValues>> Pairs =>
        values.Select(kv => new KeyValuePair<string, StringValues>(kv.Key, string.Join(',', kv.Value)));

    /// <summary><c>?role=gis&amp;region=US-MD</c>, or empty. Commas stay readable: they are legal in a query.</summary>
    public string Query => values.Count == 0 ? "" :
        "?" + string.Join('&', values.Select(kv => kv.Key + "=" + string.Join(',', kv.Value.Select(Uri.EscapeDataString))));

    public override string ToString() => Query;
}
