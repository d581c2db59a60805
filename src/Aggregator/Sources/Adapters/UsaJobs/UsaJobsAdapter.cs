using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters.UsaJobs;

/// <summary>
/// The USAJOBS Search API (data.usajobs.gov/api/Search): every federal agency's announcements. Pages are computed from
/// <c>SearchResultCountAll</c> (the API's own NumberOfPages is computed at 25 per page whatever was asked).
/// </summary>
public sealed partial class UsaJobsAdapter : SourceAdapter<UsaJobsSettings>
{
    public const string ApiKeySecret = "UsaJobs:ApiKey";
    public const string EmailSecret = "UsaJobs:Email";

    // The API stops at 10,000 results per query however many match.
    const int ResultCap = 10_000;

    public override string Platform => "usajobs";

    sealed record PageState(int Query, int Page);

    protected override IEnumerable<FetchRequest> Start(SourceContext source, UsaJobsSettings settings)
    {
        var apiKey = source.Secrets.GetValueOrDefault(ApiKeySecret);
        var email = source.Secrets.GetValueOrDefault(EmailSecret);
        if (string.IsNullOrWhiteSpace(apiKey) || string.IsNullOrWhiteSpace(email))
            throw new AdapterException(
                "USAJOBS needs an API key and the e-mail it was registered with: set UsaJobs:ApiKey and UsaJobs:Email " +
                "(environment UsaJobs__ApiKey, UsaJobs__Email); request a key at https://developer.usajobs.gov/APIRequest/");
        for (var i = 0; i < settings.Queries.Count; i++)
            yield return Request(source, settings, i, 1, apiKey, email);
    }

    static FetchRequest Request(SourceContext source, UsaJobsSettings settings, int query, int page, string apiKey, string email)
    {
        var url = new StringBuilder(settings.BaseUri(UsaJobsSettings.DefaultBaseUrl).GetLeftPart(UriPartial.Path));
        var separator = '?';
        foreach (var (key, value) in settings.Queries[query].OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            url.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        url.Append(separator).Append(CultureInfo.InvariantCulture, $"Fields=Full&ResultsPerPage={settings.ResultsPerPage}&Page={page}");
        return new FetchRequest(new Uri(url.ToString()))
        {
            // USAJOBS identifies callers by the registered e-mail in User-Agent.
            Headers = new Dictionary<string, string> { ["Authorization-Key"] = apiKey, ["User-Agent"] = email },
            State = new PageState(query, page),
        };
    }

    protected override AdapterPage Parse(SourceContext source, UsaJobsSettings settings, FetchRequest request, FetchedContent content)
    {
        var document = JsonContent.Parse(content);
        using (document)
        {
            if (document.RootElement.Property("SearchResult") is not { ValueKind: JsonValueKind.Object } result)
                throw new AdapterException($"USAJOBS response from {content.Url} has no SearchResult object: {Preview(content)}");

            var postings = new List<RawPosting>();
            var index = 0;
            foreach (var item in result.Array("SearchResultItems"))
            {
                try
                {
                    postings.Add(ReadItem(source, settings, item));
                }
                catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException)
                {
                    throw new AdapterException($"USAJOBS item {index} on {content.Url} is malformed: {e.Message}", e);
                }
                index++;
            }

            var total = result.IntOf("SearchResultCountAll");
            var state = request.State as PageState ?? new PageState(0, 1);
            var next = new List<FetchRequest>();
            int? expected = null;
            if (state.Page == 1 && total is > 0)
            {
                expected = Math.Min(total.Value, ResultCap);
                var pages = (expected.Value + settings.ResultsPerPage - 1) / settings.ResultsPerPage;
                var apiKey = request.Headers.GetValueOrDefault("Authorization-Key") ?? "";
                var email = request.Headers.GetValueOrDefault("User-Agent") ?? "";
                for (var page = 2; page <= pages; page++)
                    next.Add(Request(source, settings, state.Query, page, apiKey, email));
            }
            return new AdapterPage(postings) { Next = next, ExpectedTotal = expected };
        }
    }

    static RawPosting ReadItem(SourceContext source, UsaJobsSettings settings, JsonElement item)
    {
        var d = item.GetProperty("MatchedObjectDescriptor");
        var id = item.TextOf("MatchedObjectId") ?? throw new FormatException("MatchedObjectId is missing");
        var details = d.Property("UserArea")?.Property("Details") ?? default;

        var places = d.Array("PositionLocation").ToList();
        var display = d.TextOf("PositionLocationDisplay")
            ?? places.Count switch { 0 => null, 1 => places[0].TextOf("LocationName"), _ => "Multiple Locations" };

        var remote = details.BoolOf("RemoteIndicator");
        var summary = details.TextOf("JobSummary");
        var qualifications = d.TextOf("QualificationSummary");

        return new RawPosting
        {
            ExternalId = id,
            Title = d.TextOf("PositionTitle") ?? throw new FormatException($"PositionTitle is missing for {id}"),
            Url = PublicUrl(d.TextOf("PositionURI"), id),
            Organization = d.TextOf("OrganizationName"),
            Department = d.TextOf("DepartmentName"),
            DescriptionHtml = Description(summary, [.. details.Strings("MajorDuties")], qualifications),
            Locations = [.. places.Take(settings.MaxLocations).Select(ReadLocation)],
            LocationText = display,
            Workplace = remote == true ? Workplace.Remote : null,
            TeleworkEligible = details.BoolOf("TeleworkEligible"),
            Salary = ReadSalary(d),
            PostedAt = ParseDate(d.TextOf("PublicationStartDate") ?? d.TextOf("PositionStartDate"), source.TimeZone, endOfDay: false),
            ClosingAt = ParseDate(d.TextOf("ApplicationCloseDate") ?? d.TextOf("PositionEndDate"), source.TimeZone, endOfDay: true),
            SeriesCodes = Codes(d, "JobCategory"),
            PayPlan = Codes(d, "JobGrade").FirstOrDefault(),
            LowGrade = details.TextOf("LowGrade"),
            HighGrade = details.TextOf("HighGrade"),
            EmploymentType = Schedule(d),
            MayCloseEarly = MayCloseEarlyText().IsMatch(summary ?? "") || MayCloseEarlyText().IsMatch(qualifications ?? ""),
            OpenToPublic = OpenToPublic(details),
        };
    }

    /// <summary>
    /// Who may apply, as the announcement says. Today's API lists hiring paths (codes): "public" is USAJOBS' "open to
    /// the public"; any other set (federal employees, status candidates, students, veterans only) is not. Older answers
    /// carry WhoMayApply's words instead ("United States Citizens", "Agency Employees Only").
    /// </summary>
    static bool? OpenToPublic(JsonElement details)
    {
        var paths = details.Strings("HiringPath").Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        if (paths.Count > 0)
            return paths.Any(p => p.Trim().Equals("public", StringComparison.OrdinalIgnoreCase));
        var who = details.Property("WhoMayApply")?.TextOf("Name");
        if (string.IsNullOrWhiteSpace(who))
            return null;
        if (PublicWho().IsMatch(who))
            return true;
        return LimitedWho().IsMatch(who) ? false : null;
    }

    [GeneratedRegex(@"\b(?:citizens?|nationals?|public|all\s+(?:sources|applicants)|anyone)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PublicWho();

    [GeneratedRegex(@"\b(?:employees?|status\s+candidates?|internal|current|merit\s+promotion|only)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LimitedWho();

    /// <summary>Places as the API names them ("United States", "Oregon"); the normalizer turns names into ISO codes.</summary>
    static RawLocation ReadLocation(JsonElement loc)
    {
        // CityName repeats the state ("Fort Meade, Maryland"); the city is the part before the last comma.
        var city = loc.TextOf("CityName");
        if (city is not null && city.LastIndexOf(',') is var comma and > 0)
            city = city[..comma].Trim();
        return new RawLocation(city, loc.TextOf("CountrySubDivisionCode"), loc.TextOf("CountryCode"), loc.DoubleOf("Latitude"), loc.DoubleOf("Longitude"))
        {
            Text = loc.TextOf("LocationName"),
        };
    }

    static RawSalary? ReadSalary(JsonElement d)
    {
        if (d.Array("PositionRemuneration").FirstOrDefault() is not { ValueKind: JsonValueKind.Object } first)
            return null;
        var code = first.TextOf("RateIntervalCode");
        var description = first.TextOf("Description");
        var period = Period(code) ?? Period(description) ?? SalaryPeriod.Unknown;
        var min = first.DecimalOf("MinimumRange");
        var max = first.DecimalOf("MaximumRange");
        var interval = string.IsNullOrWhiteSpace(description) ? code : description;
        var text = $"{min?.ToString("N2", CultureInfo.InvariantCulture)} - {max?.ToString("N2", CultureInfo.InvariantCulture)} {interval}".Trim();
        return new RawSalary(min, max, period, "USD") { Text = text };
    }

    /// <summary>Both forms the API has used: the code (<c>PA</c>, 2023 on) and the text (<c>Per Year</c>, before).</summary>
    static SalaryPeriod? Period(string? interval) => interval?.Trim().ToUpperInvariant() switch
    {
        "PA" or "PER YEAR" or "PER ANNUM" => SalaryPeriod.Year,
        "PH" or "PER HOUR" => SalaryPeriod.Hour,
        "PD" or "PER DAY" => SalaryPeriod.Day,
        "BW" or "BI-WEEKLY" or "BIWEEKLY" => SalaryPeriod.Biweekly,
        "PM" or "PER MONTH" => SalaryPeriod.Month,
        "PW" or "PIECE WORK" or "FB" or "FEE BASIS" or "ST" or "STUDENT STIPEND PAID" or "SY" or "SCHOOL YEAR" or "WC" or "WITHOUT COMPENSATION" => SalaryPeriod.Unknown,
        _ => null,
    };

    /// <summary>
    /// Dates come as <c>2016-05-03T00:00:00Z</c>, <c>2020-12-03</c>, <c>2022-03-25T11:18:12.4200</c> or
    /// <c>2024-06-12T23:59:59.9970</c>. Without an offset they are Eastern wall-clock times. A value at midnight is
    /// a date, whatever its offset: announcements close at 11:59 pm Eastern on it.
    /// </summary>
    /// <exception cref="FormatException">The value is not ISO 8601 (the item is reported malformed).</exception>
    internal static DateTimeOffset? ParseDate(string? value, TimeZoneInfo zone, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var date = DateText.Iso(value)?.MidnightAsDate() ?? throw new FormatException($"unreadable date '{value.Trim()}'");
        return endOfDay ? date.Closing(zone) : date.Instant(zone);
    }

    static string PublicUrl(string? positionUri, string id)
    {
        // PositionURI carries an explicit :443; Uri drops default ports when printed.
        if (positionUri is not null && Uri.TryCreate(positionUri, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
            return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped);
        return $"https://www.usajobs.gov/job/{Uri.EscapeDataString(id)}";
    }

    static string? Description(string? summary, List<string> duties, string? qualifications)
    {
        var html = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(summary))
            html.Append("<p>").Append(Paragraphs(summary)).Append("</p>");
        if (duties.Count > 0)
        {
            html.Append("<h3>Duties</h3><ul>");
            foreach (var duty in duties)
                html.Append("<li>").Append(Paragraphs(duty)).Append("</li>");
            html.Append("</ul>");
        }
        if (!string.IsNullOrWhiteSpace(qualifications))
            html.Append("<h3>Qualifications</h3><p>").Append(Paragraphs(qualifications)).Append("</p>");
        return html.Length == 0 ? null : html.ToString();
    }

    static string Paragraphs(string text) =>
        WebUtility.HtmlEncode(WebUtility.HtmlDecode(text).Trim()).Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace("\n\n", "</p><p>", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);

    static string? Schedule(JsonElement d)
    {
        if (d.Array("PositionSchedule").FirstOrDefault() is not { ValueKind: JsonValueKind.Object } schedule)
            return null;
        // Recent responses leave Name empty; the code list (positionscheduletypes) gives the meaning.
        return schedule.TextOf("Name") ?? schedule.TextOf("Code") switch
        {
            "1" => "Full-time", "2" => "Part-time", "3" => "Shift work", "4" => "Intermittent", "5" => "Job sharing", "6" => "Multiple schedules",
            _ => null,
        };
    }

    static List<string> Codes(JsonElement d, string property) =>
        [.. d.Array(property).Select(entry => entry.TextOf("Code")).OfType<string>().Distinct()];

    static string Preview(FetchedContent content)
    {
        var text = content.Text;
        text = text.Length > 200 ? text[..200] + "…" : text;
        return $"'{WebText.Clean(text)}' ({content.MediaType ?? "no content type"}, {content.Body.Length} bytes)";
    }

    [GeneratedRegex(@"may close (early|before)|first \d+ (applications|applicants)|cut-?off", RegexOptions.IgnoreCase)]
    private static partial Regex MayCloseEarlyText();
}
