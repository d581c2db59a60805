using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Aggregator.Sources.Adapters.SmartRecruiters;

/// <summary>
/// SmartRecruiters Posting API: <c>offset</c>/<c>limit</c> pages of a company's postings with <c>totalFound</c>,
/// then one detail GET per new posting for the description sections, the public URL and any compensation.
/// An unknown company id answers 200 with no postings, so an empty first page says what it probably means.
/// </summary>
public sealed class SmartRecruitersAdapter : SourceAdapter<SmartRecruitersSettings>
{
    /// <summary>The job ad's sections, in the order the posting page shows them.</summary>
    static readonly string[] Sections = ["companyDescription", "jobDescription", "qualifications", "additionalInformation"];

    public override string Platform => "smartrecruiters";

    protected override IEnumerable<FetchRequest> Start(SourceContext source, SmartRecruitersSettings settings) => [List(settings, 0)];

    static FetchRequest List(SmartRecruitersSettings settings, int offset) =>
        new(settings.Endpoint(SmartRecruitersSettings.DefaultBaseUrl,
            $"/v1/companies/{Uri.EscapeDataString(settings.Company)}/postings?limit={settings.PageSize}&offset={offset}")) { State = offset };

    protected override AdapterPage Parse(SourceContext source, SmartRecruitersSettings settings, FetchRequest request, FetchedContent content)
    {
        using var document = JsonContent.Parse(content);
        var root = document.RootElement;
        if (root.Property("content") is not { ValueKind: JsonValueKind.Array } items)
            throw new AdapterException($"{content.Url}: not a SmartRecruiters postings response: no \"content\" array (got {root.Describe()})");
        var offset = request.State as int? ?? 0;
        var total = root.IntOf("totalFound");
        var postings = items.EnumerateArray().Select((item, index) => Posting(source, settings, content.Url, item, $"content[{index}]")).ToList();

        var next = new List<FetchRequest>();
        if (postings.Count > 0 && offset + postings.Count < total)
            next.Add(List(settings, offset + postings.Count));
        if (settings.Details)
            next.AddRange(postings.Select(p => DetailRequest(DetailUrl(settings, p.ExternalId), p)));
        return new AdapterPage(settings.Details ? [] : postings)
        {
            Next = next,
            ExpectedTotal = offset == 0 ? total : null,
            EmptyMeans = offset == 0 && postings.Count == 0
                ? $"SmartRecruiters answered 200 with no postings for company '{settings.Company}': the company id is probably wrong, since an unknown id gets the same answer as an empty board"
                : null,
        };
    }

    static Uri DetailUrl(SmartRecruitersSettings settings, string id) =>
        settings.Endpoint(SmartRecruitersSettings.DefaultBaseUrl, $"/v1/companies/{Uri.EscapeDataString(settings.Company)}/postings/{Uri.EscapeDataString(id)}");

    /// <summary>The fields list items and detail responses share (the detail adds the job ad, URLs and compensation).</summary>
    static RawPosting Posting(SourceContext source, SmartRecruitersSettings settings, Uri page, JsonElement item, string where)
    {
        var id = item.TextOf("id") ?? throw new AdapterException($"{page}: {where} has no id");
        var title = WebText.CleanOrNull(item.StringOf("name")) ?? throw new AdapterException($"{page}: posting {id} has no name (title)");
        var department = WebText.CleanOrNull(item.Property("department")?.StringOf("label"));
        var location = item.Property("location");
        var place = Location(location);
        return new RawPosting
        {
            ExternalId = id,
            Title = title,
            // List items carry only the API link; this is the public page the API's postingUrl redirects from.
            Url = item.TextOf("postingUrl") ?? $"https://jobs.smartrecruiters.com/{settings.Company}/{id}",
            Organization = WebText.CleanOrNull(item.Property("company")?.StringOf("name")),
            Department = department,
            Categories = new[] { department, WebText.CleanOrNull(item.Property("function")?.StringOf("label")) }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            EmploymentType = WebText.CleanOrNull(item.Property("typeOfEmployment")?.StringOf("label")),
            Locations = place is null ? [] : [place],
            LocationText = place?.Text,
            Workplace = location?.BoolOf("remote") == true ? Workplace.Remote
                : location?.BoolOf("hybrid") == true ? Workplace.Hybrid
                : location?.BoolOf("remote") == false && location?.BoolOf("hybrid") == false ? Workplace.OnSite
                : null,
            PostedAt = DateText.Iso(item.StringOf("releasedDate"))?.Instant(source),
        };
    }

    static RawLocation? Location(JsonElement? location)
    {
        if (location is not { ValueKind: JsonValueKind.Object } l)
            return null;
        // fullLocation leaves an empty part where a place has no region ("Singapore, , Singapore").
        var text = string.Join(", ", (l.StringOf("fullLocation") ?? "").Split(',').Select(WebText.Clean).Where(p => p.Length > 0));
        var city = l.TextOf("city");
        if (text.Length == 0 && city is null)
            return null;
        // The country is a lower-case ISO code ("sg", "us").
        return new RawLocation(city, l.TextOf("region"), l.TextOf("country")?.ToUpperInvariant(), l.DoubleOf("latitude"), l.DoubleOf("longitude"))
        {
            Text = text.Length > 0 ? text : city,
        };
    }

    protected override RawPosting ParseDetail(SourceContext source, SmartRecruitersSettings settings, RawPosting listed, FetchedContent content)
    {
        using var document = JsonContent.Parse(content);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || root.Property("jobAd") is null)
            throw new AdapterException($"{content.Url}: not a SmartRecruiters posting: no jobAd (got {root.Describe()})");
        var detail = Posting(source, settings, content.Url, root, "the posting");
        return detail with
        {
            ExternalId = listed.ExternalId,
            DescriptionHtml = Description(root.Property("jobAd")!.Value),
            Salary = Compensation(root.Property("compensation"), settings.Currency),
            PostedAt = detail.PostedAt ?? listed.PostedAt,
        };
    }

    /// <summary>The job ad's sections as one page: each non-empty one under its own heading.</summary>
    static string? Description(JsonElement jobAd)
    {
        var html = new StringBuilder();
        var sections = jobAd.Property("sections");
        foreach (var name in Sections)
        {
            var section = sections?.Property(name);
            if (section?.TextOf("text") is not { } text)
                continue;
            if (section.Value.TextOf("title") is { } heading)
                html.Append(CultureInfo.InvariantCulture, $"<h3>{System.Net.WebUtility.HtmlEncode(heading)}</h3>\n");
            html.Append(text).Append('\n');
        }
        return html.Length == 0 ? null : html.ToString().TrimEnd();
    }

    /// <summary>Only some postings carry compensation (<c>{min, max, currency, period}</c>, period like "MONTHLY" or "YEARLY").</summary>
    static RawSalary? Compensation(JsonElement? compensation, string defaultCurrency)
    {
        if (compensation is not { ValueKind: JsonValueKind.Object } c)
            return null;
        var (min, max) = (c.DecimalOf("min"), c.DecimalOf("max"));
        if (min is null && max is null)
            return null;
        var currency = c.TextOf("currency")?.ToUpperInvariant();
        var period = c.TextOf("period");
        return new RawSalary(min ?? max, max ?? min, SalaryText.Unit(period), currency ?? defaultCurrency)
        {
            Text = string.Join(' ', new[] { string.Create(CultureInfo.InvariantCulture, $"{min}-{max}"), currency, period }.OfType<string>()),
        };
    }
}
