using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters.Workday;

/// <summary>
/// Workday career sites through the undocumented CXS JSON API: a POSTed search paged by 20, split by facet
/// when the total reaches Workday's cap (past it offsets wrap and repeat), and one detail GET per new
/// posting for the real posting date, description and remote type.
/// </summary>
public sealed partial class WorkdayAdapter : SourceAdapter<WorkdaySettings>
{
    const int PageSize = 20;

    public override string Platform => "workday";

    /// <summary>One search: its facet filters, the offset, and the total the first page reported.</summary>
    sealed record Query(Dictionary<string, IReadOnlyList<string>> Facets, int Offset, int? Total, int Splits)
    {
        /// <summary>The names of <c>organization_facet</c>'s values, from the first page that listed them: later pages may list no facets.</summary>
        public IReadOnlySet<string> Organizations { get; init; } = new HashSet<string>();
    }

    protected override IEnumerable<FetchRequest> Start(SourceContext source, WorkdaySettings settings)
    {
        var facets = settings.AppliedFacets.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value, StringComparer.Ordinal);
        yield return Search(settings, new Query(facets, 0, null, 0));
    }

    static FetchRequest Search(WorkdaySettings settings, Query query)
    {
        var body = new JsonObject
        {
            ["appliedFacets"] = new JsonObject(query.Facets.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)new JsonArray([.. f.Value.Select(v => JsonValue.Create(v))])))),
            ["limit"] = PageSize,
            ["offset"] = query.Offset,
            ["searchText"] = settings.SearchText,
        };
        return new FetchRequest(new Uri(settings.Host(), $"wday/cxs/{settings.Tenant}/{settings.Site}/jobs"))
        {
            Method = HttpMethod.Post,
            Body = body.ToJsonString(),
            Headers = new Dictionary<string, string> { ["Accept"] = "application/json" },
            State = query,
        };
    }

    protected override AdapterPage Parse(SourceContext source, WorkdaySettings settings, FetchRequest request, FetchedContent content)
    {
        var query = request.State as Query ?? new Query(new Dictionary<string, IReadOnlyList<string>>(), 0, null, 0);
        using var json = JsonContent.Parse(content);
        var root = json.RootElement;
        if (root.Property("jobPostings") is not { ValueKind: JsonValueKind.Array } jobs)
            throw new AdapterException($"Workday list at {content.Url}: the JSON has no jobPostings array (got {root.Describe()})");

        if (settings.OrganizationFacet is { } organizationFacet && root.Property("facets") is { ValueKind: JsonValueKind.Array } listed)
            query = query with { Organizations = FacetNames(listed, organizationFacet).ToHashSet(StringComparer.Ordinal) };
        var postings = new List<RawPosting>();
        var next = new List<FetchRequest>();
        foreach (var job in jobs.EnumerateArray())
        {
            var posting = ListPosting(source, settings, query, job, content.Url);
            postings.Add(posting);
            if (settings.Details)
                next.Add(DetailRequest(new Uri(settings.Host(), $"wday/cxs/{settings.Tenant}/{settings.Site}{job.StringOf("externalPath")}"), posting) with
                {
                    Headers = new Dictionary<string, string> { ["Accept"] = "application/json" },
                });
        }

        // Later pages of some tenants omit total; the first page's carries on in the state.
        var total = root.IntOf("total") ?? query.Total;
        if (query.Offset == 0 && total >= settings.Cap && Split(settings, query, root) is { Count: > 0 } splits)
        {
            next.AddRange(splits.Select(s => Search(settings, s)));
            return new AdapterPage(postings) { Next = next, ExpectedTotal = total };
        }
        var reachable = Math.Min(total ?? int.MaxValue, settings.Cap);
        if (jobs.GetArrayLength() == PageSize && query.Offset + PageSize < reachable)
            next.Add(Search(settings, query with { Offset = query.Offset + PageSize, Total = total }));
        return new AdapterPage(postings) { Next = next, ExpectedTotal = query.Offset == 0 ? total : null };
    }

    /// <summary>One query per value of the first split facet not yet applied; values above the cap split again.</summary>
    static List<Query> Split(WorkdaySettings settings, Query query, JsonElement root)
    {
        if (root.Property("facets") is not { ValueKind: JsonValueKind.Array } facets)
            return [];
        foreach (var parameter in settings.SplitFacets.Where(p => !query.Facets.ContainsKey(p)))
        {
            var values = FacetValues(facets, parameter).ToList();
            if (values.Count == 0)
                continue;
            return values.Select(id => query with
            {
                Facets = new Dictionary<string, IReadOnlyList<string>>(query.Facets, StringComparer.Ordinal) { [parameter] = [id] },
                Offset = 0,
                Total = null,
                Splits = query.Splits + 1,
            }).ToList();
        }
        return [];
    }

    static IEnumerable<string> FacetValues(JsonElement facets, string parameter) =>
        Facet(facets, parameter).Where(v => v.IntOf("count") is null or > 0).Select(v => v.StringOf("id")).OfType<string>();

    static IEnumerable<string> FacetNames(JsonElement facets, string parameter) =>
        Facet(facets, parameter).Select(v => WebText.CleanOrNull(v.StringOf("descriptor"))).OfType<string>();

    /// <summary>The values of the facet named <paramref name="parameter"/>, wherever it is nested.</summary>
    static IEnumerable<JsonElement> Facet(JsonElement facets, string parameter)
    {
        foreach (var facet in facets.EnumerateArray())
        {
            if (facet.Property("values") is not { ValueKind: JsonValueKind.Array } values)
                continue;
            if (facet.StringOf("facetParameter") == parameter)
            {
                foreach (var value in values.EnumerateArray())
                    yield return value;
            }
            else
            {
                // locationMainGroup nests locationCountry and locations as facets inside its values.
                foreach (var nested in Facet(values, parameter))
                    yield return nested;
            }
        }
    }

    static RawPosting ListPosting(SourceContext source, WorkdaySettings settings, Query query, JsonElement job, Uri page)
    {
        var path = job.StringOf("externalPath") ?? throw new AdapterException($"Workday list at {page}: a posting has no externalPath");
        var title = job.StringOf("title") ?? throw new AdapterException($"Workday list at {page}: posting {path} has no title");
        var bullets = job.Strings("bulletFields").ToList();
        var locationsText = job.StringOf("locationsText");
        var multiple = locationsText is not null && LocationCount().IsMatch(locationsText);
        // Tenants order bulletFields as they like, so the end date is the bullet that is an ISO date, not a position.
        var closing = settings.ClosingBullet ? bullets.FirstOrDefault(b => IsoDay().IsMatch(b)) : null;
        return new RawPosting
        {
            ExternalId = ExternalId(path, bullets),
            Title = title,
            Url = PublicUrl(settings, path),
            Organization = bullets.FirstOrDefault(query.Organizations.Contains),
            LocationText = locationsText,
            Locations = locationsText is null || multiple ? [] : [new RawLocation(null, null, null) { Text = locationsText }],
            PostedAt = DateText.Posted(job.StringOf("postedOn"), source),
            ClosingAt = DateText.Closing(closing, source),
            ClosingKind = DateText.ClosingKindOf(closing),
            Salary = bullets.Select(x => SalaryText.Find(x, settings.Currency)).FirstOrDefault(s => s is not null),
        };
    }

    protected override RawPosting ParseDetail(SourceContext source, WorkdaySettings settings, RawPosting listed, FetchedContent content)
    {
        using var json = JsonContent.Parse(content);
        if (json.RootElement.Property("jobPostingInfo") is not { ValueKind: JsonValueKind.Object } info)
            throw new AdapterException($"Workday detail at {content.Url}: the JSON has no jobPostingInfo object (got {json.RootElement.Describe()})");

        var description = info.StringOf("jobDescription");
        var country = info.Property("jobRequisitionLocation")?.Property("country") is { } c
            ? c.StringOf("alpha2Code") ?? c.StringOf("descriptor")
            : info.Property("country")?.StringOf("descriptor");
        var additional = info.Array("additionalLocations").Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.StringOf("descriptor"));
        var locations = new List<RawLocation>();
        foreach (var text in additional.Prepend(info.StringOf("location")))
        {
            if (!string.IsNullOrWhiteSpace(text) && locations.All(l => l.Text != text))
                locations.Add(new RawLocation(null, null, locations.Count == 0 ? country : null) { Text = text });
        }
        // Government tenants name the agency here (Oklahoma: "805 DEPARTMENT OF REHABILITATION SERVICES"); an agency the
        // list named through organization_facet was chosen for this tenant and stands.
        var organization = WebText.CleanOrNull(json.RootElement.Property("hiringOrganization")?.StringOf("name"));
        var start = DateText.Parse(info.StringOf("startDate"));
        var endText = info.StringOf("endDate");
        var end = DateText.Parse(endText);
        return listed with
        {
            Title = info.StringOf("title") ?? listed.Title,
            DescriptionHtml = description ?? listed.DescriptionHtml,
            Organization = listed.Organization ?? organization,
            Locations = locations.Count > 0 ? locations : listed.Locations,
            LocationText = listed.LocationText ?? info.StringOf("location"),
            PostedAt = start?.Instant(source) ?? DateText.Posted(info.StringOf("postedOn"), source) ?? listed.PostedAt,
            ClosingAt = end?.Closing(source) ?? listed.ClosingAt,
            ClosingKind = endText is null ? listed.ClosingKind : DateText.ClosingKindOf(endText),
            EmploymentType = info.StringOf("timeType") ?? listed.EmploymentType,
            Workplace = WebText.WorkplaceOf(info.StringOf("remoteType")) ?? listed.Workplace,
            // Government tenants print pay only in the description, some as a table ("Monthly  Annual" over two amounts).
            Salary = listed.Salary ?? SalaryText.Find(WebText.FromHtml(description), settings.Currency),
        };
    }

    /// <summary>The requisition id at the end of the path ("…_JR-7309"), which tenants also show in
    /// bulletFields; the path itself when there is none. Both are stable across runs.</summary>
    static string ExternalId(string path, IReadOnlyList<string> bullets)
    {
        var last = path[(path.LastIndexOf('/') + 1)..];
        var underscore = last.LastIndexOf('_');
        var suffix = underscore >= 0 ? last[(underscore + 1)..] : "";
        return suffix.Length > 0 && (bullets.Contains(suffix) || RequisitionId().IsMatch(suffix)) ? suffix : path;
    }

    static string PublicUrl(WorkdaySettings settings, string path)
    {
        var locale = string.IsNullOrWhiteSpace(settings.Locale) ? "" : settings.Locale.Trim('/') + "/";
        return new Uri(settings.Host(), $"{locale}{settings.Site}{path}").AbsoluteUri;
    }

    [GeneratedRegex(@"^\d+\s+Locations$", RegexOptions.IgnoreCase)]
    private static partial Regex LocationCount();

    [GeneratedRegex(@"^[A-Za-z]{1,6}-?\d+(?:-\d+)?$")]
    private static partial Regex RequisitionId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDay();
}
