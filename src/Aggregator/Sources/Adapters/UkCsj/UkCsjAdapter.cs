using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Aggregator.Sources.Adapters.UkCsj;

/// <summary>
/// UK Civil Service Jobs (civilservicejobs.service.gov.uk). Its own adapter because links are session-signed
/// <c>SID</c> values (base64 parameter strings) from which the vacancy id must be decoded to give a stable
/// id and a permanent <c>jobs.cgi?jcode=</c> link; closing times are English prose in Europe/London; grades
/// and contract terms sit in labelled fields on the vacancy page. Pages are ISO-8859-1 with windows-1252
/// punctuation. A CAPTCHA has blocked automated access since 2025-02-19.
/// </summary>
public sealed partial class UkCsjAdapter : SourceAdapter<UkCsjSettings>
{
    static readonly string[] ClosingFormats = ["h:mm tt 'on' dddd d MMMM yyyy", "h:mmtt 'on' dddd d MMMM yyyy", "h:mm tt 'on' d MMMM yyyy", "dddd d MMMM yyyy", "d MMMM yyyy"];
    static readonly string[] AdvertFields = ["Job summary", "Job description", "Person specification", "Behaviours", "Technical skills", "Benefits", "Things you need to know"];

    public override string Platform => "uk-csj";

    protected override IEnumerable<FetchRequest> Start(SourceContext source, UkCsjSettings settings)
    {
        yield return new FetchRequest(settings.Configured(settings.SearchUrl, UkCsjSettings.DefaultBaseUrl)) { IsPage = true };
    }

    protected override AdapterPage Parse(SourceContext source, UkCsjSettings settings, FetchRequest request, FetchedContent content)
    {
        using var document = Selectors.Page(content);
        return ParseResults(source, settings, document, content.Url);
    }

    static AdapterPage ParseResults(SourceContext source, UkCsjSettings settings, IDocument page, Uri url)
    {
        var boxes = page.QuerySelectorAll("li.search-results-job-box");
        if (boxes.Length == 0 && page.QuerySelector(".search-results-panel-main") is null)
            throw new AdapterException($"Civil Service Jobs at {url}: not a search result page (no results panel; title \"{WebText.Clean(page.Title)}\"; a CAPTCHA page looks like this)");
        var postings = new List<RawPosting>();
        var next = new List<FetchRequest>();
        foreach (var box in boxes)
        {
            var link = box.QuerySelector(".search-results-job-box-title a")
                ?? throw new AdapterException($"Civil Service Jobs at {url}: a result box has no title link");
            var href = WebText.Resolve(url, link.GetAttribute("href"))
                ?? throw new AdapterException($"Civil Service Jobs at {url}: result \"{WebText.Clean(link.TextContent)}\" has no usable link");
            var reference = Field(box, ".search-results-job-box-refcode");
            var vacancy = VacancyId(href);
            var location = Field(box, ".search-results-job-box-location");
            var posting = new RawPosting
            {
                ExternalId = vacancy ?? reference ?? throw new AdapterException($"Civil Service Jobs at {url}: result \"{WebText.Clean(link.TextContent)}\" has neither a vacancy id nor a reference"),
                Title = WebText.Clean(link.TextContent),
                Url = vacancy is null ? href.AbsoluteUri : PermanentUrl(settings, vacancy),
                Organization = Field(box, ".search-results-job-box-department"),
                LocationText = location,
                Locations = location is null ? [] : [new RawLocation(null, null, "GB") { Text = location }],
                Salary = Salary(Field(box, ".search-results-job-box-salary"), "GBP"),
                ClosingAt = Closing(Field(box, ".search-results-job-box-closingdate"), source),
            };
            postings.Add(posting);
            if (settings.Details)
                next.Add(DetailRequest(href, posting) with { IsPage = true });
        }
        if (WebText.Resolve(url, page.QuerySelector("a[title='Go to next search results page']")?.GetAttribute("href")) is { } nextPage)
            next.Add(new FetchRequest(nextPage) { IsPage = true });
        return new AdapterPage(postings) { Next = next, ExpectedTotal = Total(page.Title) };
    }

    /// <summary>A vacancy page: grade, contract terms and the advert, in labelled fields.</summary>
    protected override RawPosting ParseDetail(SourceContext source, UkCsjSettings settings, RawPosting listed, FetchedContent content)
    {
        using var page = Selectors.Page(content);
        var url = content.Url;
        if (page.QuerySelector(".vac_display_panel_side") is null)
            throw new AdapterException($"Civil Service Jobs vacancy at {url}: no vacancy details panel (title \"{WebText.Clean(page.Title)}\")");
        var fields = page.QuerySelectorAll(".vac_display_field")
            .Where(f => f.QuerySelector(":scope > h3") is not null)
            .GroupBy(f => WebText.Clean(f.QuerySelector(":scope > h3")!.TextContent), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        List<string> Values(string label) => fields.TryGetValue(label, out var f)
            ? [.. f.QuerySelectorAll(".vac_display_field_value").Select(v => WebText.Clean(v.TextContent)).Where(v => v.Length > 0)]
            : [];
        string? Value(string label) => Values(label).FirstOrDefault();

        var grades = Values("Job grade");
        var employment = new[] { Value("Contract type"), Value("Working pattern") }.Where(v => v is not null).ToList();
        var currency = WebText.CleanOrNull(page.QuerySelector("#salary_currency_code")?.TextContent) ?? "GBP";
        var location = WebText.CleanOrNull(page.QuerySelector("#section_link_location")?.NextElementSibling?.TextContent);
        var advert = new StringBuilder();
        foreach (var label in AdvertFields)
        {
            if (fields.TryGetValue(label, out var field) && field.QuerySelector(".vac_display_field_value") is { } value)
                advert.Append("<h3>").Append(label).Append("</h3>").Append(value.InnerHtml.Trim());
        }
        return listed with
        {
            Title = WebText.CleanOrNull(page.QuerySelector(".csr-page-title h1")?.TextContent) ?? listed.Title,
            Organization = WebText.CleanOrNull(page.QuerySelector(".csr-page-subtitle")?.TextContent) ?? listed.Organization,
            // The vacancy page's wording alone does not replace an amount the result list gave.
            Salary = Salary(Value("Salary"), currency) is { } pay && (pay.HasAmount || listed.Salary is null) ? pay : listed.Salary,
            ClosingAt = Closing(page.QuerySelector(".vac_display_closing_date")?.TextContent, source) ?? listed.ClosingAt,
            LocationText = location ?? listed.LocationText,
            Locations = location is null ? listed.Locations : [new RawLocation(null, null, "GB") { Text = location }],
            LowGrade = grades.FirstOrDefault(),
            HighGrade = grades.LastOrDefault(),
            EmploymentType = employment.Count > 0 ? string.Join(", ", employment) : listed.EmploymentType,
            Department = Value("Business area"),
            Categories = Values("Type of role"),
            DescriptionHtml = advert.Length > 0 ? advert.ToString() : listed.DescriptionHtml,
        };
    }

    /// <summary>The vacancy id inside a session-signed link: SID is base64 of "…&amp;joblist_view_vac=1862348&amp;…".</summary>
    public static string? VacancyId(Uri link)
    {
        var sid = SidParameter().Match(link.Query);
        if (!sid.Success)
            return JcodeParameter().Match(link.Query) is { Success: true } jcode ? jcode.Groups[1].Value : null;
        var base64 = Uri.UnescapeDataString(sid.Groups[1].Value).Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        try
        {
            var decoded = Encoding.Latin1.GetString(Convert.FromBase64String(base64));
            return VacancyParameter().Match(decoded) is { Success: true } vac ? vac.Groups[1].Value : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    static string PermanentUrl(UkCsjSettings settings, string vacancy) => new Uri(settings.Site(), $"csr/jobs.cgi?jcode={vacancy}").AbsoluteUri;

    static string? Field(IElement box, string selector) => WebText.CleanOrNull(box.QuerySelector(selector)?.TextContent);

    /// <summary>"Salary : £27,620 to £32,163". Civil Service salaries are annual; the site prints no period.</summary>
    static RawSalary? Salary(string? text, string currency)
    {
        var salary = SalaryText.Parse(text is null ? null : Label().Replace(text, ""), currency);
        return salary is { Period: SalaryPeriod.Unknown } ? salary with { Period = SalaryPeriod.Year } : salary;
    }

    /// <summary>"Closes : 11:55 pm on Sunday 13th March 2023" and "Apply before 10:00 pm on …", London time.</summary>
    static DateTimeOffset? Closing(string? text, SourceContext source)
    {
        if (text is null || FirstDigit().Match(text) is not { Success: true } digit)
            return null;
        return DateText.Closing(text[digit.Index..], source, ClosingFormats);
    }

    static int? Total(string? title) =>
        title is not null && ResultCount().Match(title) is { Success: true } m && int.TryParse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    [GeneratedRegex(@"(?:^|[?&])SID=([^&]+)")]
    private static partial Regex SidParameter();

    [GeneratedRegex(@"(?:^|[?&])jcode=(\d+)")]
    private static partial Regex JcodeParameter();

    [GeneratedRegex(@"(?:^|&)joblist_view_vac=(\d+)")]
    private static partial Regex VacancyParameter();

    [GeneratedRegex(@"^[^:£$€\d]*:\s*")]
    private static partial Regex Label();

    [GeneratedRegex(@"\d")]
    private static partial Regex FirstDigit();

    [GeneratedRegex(@"^([\d,]+) Search results")]
    private static partial Regex ResultCount();
}
