using System.Text.Json;

namespace Aggregator.Sources.Adapters.Oracle;

/// <summary>
/// Oracle Recruiting Cloud candidate-experience sites through the public REST resources behind them: the
/// <c>recruitingCEJobRequisitions</c> finder, paged by <c>offset</c>/<c>limit</c> inside the finder string and split
/// by facet past the server's 10,000-row window, and one <c>recruitingCEJobRequisitionDetails</c> call per new
/// posting for its description and exact posting and closing times.
/// </summary>
public sealed class OracleAdapter : SourceAdapter<OracleSettings>
{
    const string Resources = "hcmRestApi/resources/latest/";
    static readonly IReadOnlyDictionary<string, string> AcceptJson = new Dictionary<string, string> { ["Accept"] = "application/json" };

    public override string Platform => "oracle";

    /// <summary>One search: its facet filters (facet key → value id), the offset, and the total its first page reported.</summary>
    sealed record Query(IReadOnlyDictionary<string, string> Applied, int Offset, int? Total);

    protected override IEnumerable<FetchRequest> Start(SourceContext source, OracleSettings settings)
    {
        yield return Search(settings, new Query(new Dictionary<string, string>(), 0, null));
    }

    static FetchRequest Search(OracleSettings settings, Query query)
    {
        var limit = Math.Min(settings.PageSize, settings.Window - query.Offset);
        var finder = new List<string> { $"siteNumber={Uri.EscapeDataString(settings.SiteNumber)}" };
        if (!string.IsNullOrWhiteSpace(settings.Keyword))
            finder.Add($"keyword=\"{Uri.EscapeDataString(settings.Keyword.Trim())}\"");
        finder.Add("facetsList=" + string.Join(';', FacetsListed(settings).Select(f => f.ListName)));
        finder.AddRange(query.Applied.Select(a => $"{OracleFacet.Named(a.Key).Selected}={Uri.EscapeDataString(a.Value)}"));
        finder.Add($"limit={limit}");
        finder.Add($"offset={query.Offset}");
        finder.Add("sortBy=POSTING_DATES_DESC");
        var path = $"{Resources}recruitingCEJobRequisitions?onlyData=true&expand=requisitionList.secondaryLocations&finder=findReqs;{string.Join(',', finder)}";
        return new FetchRequest(settings.Api(path)) { Headers = AcceptJson, State = query };
    }

    /// <summary>The split facets, and organizations always: its values name each posting's organization.</summary>
    static IEnumerable<OracleFacet> FacetsListed(OracleSettings settings) =>
        settings.SplitFacets.Append("organizations").Select(OracleFacet.Named).Distinct();

    protected override AdapterPage Parse(SourceContext source, OracleSettings settings, FetchRequest request, FetchedContent content)
    {
        var query = request.State as Query ?? new Query(new Dictionary<string, string>(), 0, null);
        using var json = JsonContent.Parse(content);
        var root = json.RootElement;
        // The rows sit in one "search" object, items[0]; the outer count/limit/offset describe that object, not the rows.
        if (root.Array("items").FirstOrDefault() is not { ValueKind: JsonValueKind.Object } search)
            throw new AdapterException($"Oracle list at {content.Url}: the JSON has no items[0] search object (got {root.Describe()})");
        var total = search.IntOf("TotalJobsCount") ?? query.Total;
        if (search.Property("requisitionList") is not { ValueKind: JsonValueKind.Array } rows)
        {
            if (total == 0)
                return new AdapterPage([]) { ExpectedTotal = 0 };
            throw new AdapterException($"Oracle list at {content.Url}: items[0] has no requisitionList array (got {search.Describe()})");
        }

        var organizations = search.Array("organizationsFacet")
            .Where(v => v.StringOf("Id") is not null && v.TextOf("Name") is not null)
            .ToDictionary(v => v.StringOf("Id")!, v => v.TextOf("Name")!, StringComparer.Ordinal);
        var postings = new List<RawPosting>();
        var next = new List<FetchRequest>();
        var index = 0;
        foreach (var row in rows.EnumerateArray())
        {
            var posting = ListPosting(source, settings, row, organizations, $"Oracle list at {content.Url}: requisitionList[{index++}]");
            postings.Add(posting);
            if (settings.Details)
                next.Add(DetailRequest(DetailUrl(settings, posting.ExternalId), posting) with { Headers = AcceptJson });
        }

        var expected = query.Offset == 0 ? total : null;
        if (query.Offset == 0 && total > settings.Window && Split(settings, query, search, total.Value) is { } split)
        {
            next.AddRange(split.Queries.Select(q => Search(settings, q)));
            // Facet lists hold only their top values; when those miss some postings, the window's own pages still read the newest.
            if (split.Covers)
                return new AdapterPage(postings) { Next = next, ExpectedTotal = expected };
        }
        var limit = Math.Min(settings.PageSize, settings.Window - query.Offset);
        var nextOffset = query.Offset + limit;
        if (rows.GetArrayLength() >= limit && nextOffset < Math.Min(total ?? int.MaxValue, settings.Window))
            next.Add(Search(settings, query with { Offset = nextOffset, Total = total }));
        return new AdapterPage(postings) { Next = next, ExpectedTotal = expected };
    }

    sealed record Splits(IReadOnlyList<Query> Queries, bool Covers);

    /// <summary>
    /// One query per value of the first split facet not yet applied whose listed values add up to the total; failing
    /// that, of the first facet with any value that narrows the search. A value that holds the whole search (the
    /// country, for locations) narrows nothing and is left out. Values still over the window split again.
    /// </summary>
    static Splits? Split(OracleSettings settings, Query query, JsonElement search, int total)
    {
        Splits? partial = null;
        foreach (var facet in settings.SplitFacets.Select(OracleFacet.Named).Where(f => !query.Applied.ContainsKey(f.Key)))
        {
            var values = search.Array(facet.Values)
                .Select(v => (Id: v.StringOf("Id"), Count: v.IntOf("TotalCount") ?? 0))
                .Where(v => v.Id is not null && v.Count > 0 && v.Count < total)
                .ToList();
            if (values.Count == 0)
                continue;
            var queries = values.Select(v => new Query(new Dictionary<string, string>(query.Applied) { [facet.Key] = v.Id! }, 0, null)).ToList();
            if (values.Sum(v => v.Count) >= total)
                return new Splits(queries, Covers: true);
            partial ??= new Splits(queries, Covers: false);
        }
        return partial;
    }

    static Uri DetailUrl(OracleSettings settings, string id) => settings.Api(
        $"{Resources}recruitingCEJobRequisitionDetails?expand=all&onlyData=true&finder=ById;Id=\"{Uri.EscapeDataString(id)}\",siteNumber={Uri.EscapeDataString(settings.SiteNumber)}");

    static RawPosting ListPosting(SourceContext source, OracleSettings settings, JsonElement row, IReadOnlyDictionary<string, string> organizations, string where)
    {
        var id = row.TextOf("Id") ?? throw new AdapterException($"{where} has no Id");
        var title = row.TextOf("Title") ?? throw new AdapterException($"{where} (Id {id}) has no Title");
        var primary = row.TextOf("PrimaryLocation");
        var secondary = row.Array("secondaryLocations")
            .Select(l => Place(l.TextOf("Name"), l.TextOf("CountryCode"), l.DoubleOf("Latitude"), l.DoubleOf("Longitude")))
            .OfType<RawLocation>();
        var locations = new[] { Place(primary, row.TextOf("PrimaryLocationCountry"), null, null) }.OfType<RawLocation>().Concat(secondary).ToList();
        var teaser = row.TextOf("ShortDescriptionStr");
        return new RawPosting
        {
            ExternalId = id,
            Title = title,
            Url = settings.JobUrl(id).AbsoluteUri,
            Organization = row.TextOf("Organization") ?? (row.StringOf("OrganizationId") is { } org ? organizations.GetValueOrDefault(org) : null)
                ?? row.TextOf("LegalEmployer") ?? row.TextOf("BusinessUnit"),
            Department = row.TextOf("Department"),
            DescriptionHtml = teaser,
            Locations = locations,
            LocationText = locations.Count == 1 ? primary : null,
            Workplace = WebText.WorkplaceOf(row.TextOf("WorkplaceTypeCode")) ?? WebText.WorkplaceOf(row.TextOf("WorkplaceType")),
            PostedAt = Date(row, "PostedDate", where)?.Instant(source),
            ClosingAt = Date(row, "PostingEndDate", where)?.Closing(source),
            ClosingKind = DateText.ClosingKindOf(row.TextOf("PostingEndDate")),
            Categories = [.. new[] { row.TextOf("JobFamily"), row.TextOf("JobFunction") }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)],
            EmploymentType = row.TextOf("JobSchedule"),
            // Councils print pay ranges in the short description; there are no salary fields.
            Salary = SalaryText.Find(WebText.FromHtml(teaser), settings.Currency),
        };
    }

    protected override RawPosting ParseDetail(SourceContext source, OracleSettings settings, RawPosting listed, FetchedContent content)
    {
        using var json = JsonContent.Parse(content);
        var root = json.RootElement;
        var where = $"Oracle detail at {content.Url}";
        if (root.Property("items") is not { ValueKind: JsonValueKind.Array } items)
            throw new AdapterException($"{where}: the JSON has no items array (got {root.Describe()})");
        if (items.EnumerateArray().FirstOrDefault() is not { ValueKind: JsonValueKind.Object } item)
            throw new AdapterException($"{where}: items is empty, so requisition {listed.ExternalId} is not posted on site {settings.SiteNumber} (withdrawn since the list was read?)");
        if (item.TextOf("Id") is { } id && id != listed.ExternalId)
            throw new AdapterException($"{where}: answered requisition {id} for {listed.ExternalId}");

        var external = item.TextOf("ExternalDescriptionStr");
        var description = string.Join("\n", new[]
        {
            external,
            item.TextOf("ExternalResponsibilitiesStr") is { } responsibilities ? $"<h3>Responsibilities</h3>\n{responsibilities}" : null,
            item.TextOf("ExternalQualificationsStr") is { } qualifications ? $"<h3>Qualifications</h3>\n{qualifications}" : null,
            item.TextOf("CorporateDescriptionStr"),
        }.OfType<string>());
        var coordinates = item.Array("primaryLocationCoordinates").FirstOrDefault();
        var locations = listed.Locations.Select((l, i) => i == 0 && l.Latitude is null && coordinates.ValueKind == JsonValueKind.Object
            ? l with { Latitude = coordinates.DoubleOf("Latitude"), Longitude = coordinates.DoubleOf("Longitude") }
            : l).ToList();
        return listed with
        {
            Title = item.TextOf("Title") ?? listed.Title,
            DescriptionHtml = description.Length > 0 ? description : listed.DescriptionHtml,
            Organization = listed.Organization ?? item.TextOf("LegalEmployer") ?? item.TextOf("BusinessUnit"),
            Department = listed.Department ?? item.TextOf("Department"),
            Locations = locations,
            Workplace = WebText.WorkplaceOf(item.TextOf("WorkplaceTypeCode")) ?? listed.Workplace,
            // The list's PostedDate is a date; the detail has the instant, and the closing time the list lacks.
            PostedAt = Date(item, "ExternalPostedStartDate", where)?.Instant(source) ?? listed.PostedAt,
            ClosingAt = Date(item, "ExternalPostedEndDate", where)?.Closing(source) ?? listed.ClosingAt,
            ClosingKind = item.TextOf("ExternalPostedEndDate") is { } end ? DateText.ClosingKindOf(end) : listed.ClosingKind,
            Categories = [.. listed.Categories.Concat(new[] { item.TextOf("Category"), item.TextOf("JobFunction") }.OfType<string>()).Distinct(StringComparer.OrdinalIgnoreCase)],
            EmploymentType = item.TextOf("JobSchedule") ?? listed.EmploymentType,
            Salary = listed.Salary ?? SalaryText.Find(WebText.FromHtml(external), settings.Currency),
        };
    }

    /// <summary>An ISO date field; anything else is not what this API sends.</summary>
    static TextDate? Date(JsonElement element, string field, string where) =>
        element.TextOf(field) is not { } text || DateText.IsNoEnd(text) ? null
            : DateText.Iso(text) ?? throw new AdapterException($"{where}: {field} '{text}' is not an ISO 8601 date");

    /// <summary>"Baxley, GA, United States": the country name last, the region before it, the city first; the
    /// ISO country code comes from its own field.</summary>
    static RawLocation? Place(string? text, string? country, double? latitude, double? longitude)
    {
        if (text is null)
            return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var region = parts.Length >= 2 ? parts[^2] : null;
        var city = parts.Length >= 3 ? string.Join(", ", parts[..^2]) : null;
        return new RawLocation(city, region, country ?? (parts.Length > 0 ? parts[^1] : null), latitude, longitude) { Text = text };
    }
}
