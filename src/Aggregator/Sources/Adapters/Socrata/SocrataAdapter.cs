using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.VisualBasic.FileIO;

namespace Aggregator.Sources.Adapters.Socrata;

/// <summary>
/// NYC "Jobs NYC Postings" (kpav-sd4t) through Socrata: SODA JSON paged by <c>$offset</c> in <c>:id</c> order, or
/// the CSV export. A job id repeats across levels, title codes and internal/external copies, so the key is all four.
/// </summary>
public sealed partial class SocrataAdapter : SourceAdapter<SocrataSettings>
{
    public override string Platform => "socrata";

    protected override IEnumerable<FetchRequest> Start(SourceContext source, SocrataSettings settings) =>
        [settings.Csv ? new FetchRequest(settings.Url($"/api/views/{settings.Dataset}/rows.csv?accessType=DOWNLOAD")) { Kind = "csv" } : Page(settings, 0)];

    static FetchRequest Page(SocrataSettings settings, int offset)
    {
        var where = settings.ExternalOnly ? "&$where=" + Uri.EscapeDataString("posting_type='External'") : "";
        return new FetchRequest(settings.Url(
            $"/resource/{settings.Dataset}.json?$limit={settings.PageSize}&$offset={offset}&$order=:id{where}"))
        {
            State = offset,
        };
    }

    protected override AdapterPage Parse(SourceContext source, SocrataSettings settings, FetchRequest request, FetchedContent content)
    {
        var rows = request.Kind == "csv" ? CsvRows(content) : JsonRows(content);
        var postings = rows
            .Where(row => !settings.ExternalOnly || string.Equals(Field(row, "posting_type"), "External", StringComparison.OrdinalIgnoreCase))
            .Select(row => Posting(source, settings, content, row.Values, row.Where))
            .ToList();
        var more = request.Kind != "csv" && rows.Count >= settings.PageSize;
        return new AdapterPage(postings) { Next = more ? [Page(settings, (request.State as int? ?? 0) + rows.Count)] : [] };
    }

    sealed record Row(IReadOnlyDictionary<string, string> Values, string Where);

    static string? Field(Row row, string name) => Field(row.Values, name);

    static string? Field(IReadOnlyDictionary<string, string> row, string name) =>
        row.TryGetValue(name, out var value) && Mojibake.Repair(value.Trim()) is { Length: > 0 } repaired ? repaired : null;

    static List<Row> JsonRows(FetchedContent content)
    {
        using var document = JsonContent.Parse(content);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            // SODA errors are objects: {"error":true,"message":"..."} or {"code":"query.soql.no-such-column",...}.
            var message = root.StringOf("message") ?? root.StringOf("code");
            throw new AdapterException($"{content.Url}: not a SODA row array: got a JSON {root.ValueKind.ToString().ToLowerInvariant()}{(message is null ? "" : $" saying '{message}'")}");
        }
        return root.EnumerateArray().Select((element, index) =>
        {
            if (element.ValueKind != JsonValueKind.Object)
                throw new AdapterException($"{content.Url}: row [{index}] is a {element.ValueKind.ToString().ToLowerInvariant()}, not an object");
            var values = element.EnumerateObject()
                .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);
            return new Row(values, $"{content.Url}: row [{index}]");
        }).ToList();
    }

    static List<Row> CsvRows(FetchedContent content)
    {
        var text = content.Text;
        if (text.TrimStart().StartsWith('<'))
            throw new AdapterException($"{content.Url}: expected the CSV export but got HTML/XML");
        using var parser = new TextFieldParser(new StringReader(text)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()?.Select(ColumnName).ToArray();
        if (header is null || !header.Contains("job_id") || !header.Contains("business_title"))
            throw new AdapterException($"{content.Url}: line 1: not the Jobs NYC CSV export: its header has no 'Job ID' and 'Business Title' columns");
        var rows = new List<Row>();
        while (!parser.EndOfData)
        {
            var line = parser.LineNumber;
            string[]? fields;
            try
            {
                fields = parser.ReadFields();
            }
            catch (MalformedLineException e)
            {
                throw new AdapterException($"{content.Url}: line {e.LineNumber}: malformed CSV ({e.Message})", e);
            }
            if (fields is null || fields.All(string.IsNullOrWhiteSpace))
                continue;
            if (fields.Length != header.Length)
                throw new AdapterException($"{content.Url}: line {line}: {fields.Length} fields where the header has {header.Length}");
            rows.Add(new Row(header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal), $"{content.Url}: line {line}"));
        }
        return rows;
    }

    /// <summary>The export's "Title Case" header as the API's snake_case field ("Division/Work Unit" → division_work_unit).</summary>
    static string ColumnName(string header) => header.Trim() switch
    {
        "# Of Positions" => "number_of_positions",
        "Full-Time/Part-Time indicator" => "full_time_part_time_indicator",
        var h => NonWord().Replace(h.ToLowerInvariant(), "_").Trim('_'),
    };

    static RawPosting Posting(SourceContext source, SocrataSettings settings, FetchedContent content, IReadOnlyDictionary<string, string> row, string where)
    {
        var jobId = Field(row, "job_id") ?? throw new AdapterException($"{where}: no job_id");
        var title = Field(row, "business_title") ?? Field(row, "civil_service_title") ?? throw new AdapterException($"{where}: job {jobId} has no business_title");
        var level = Field(row, "level");
        var titleCode = Field(row, "title_code_no");
        var postingType = Field(row, "posting_type");
        var workLocation = Field(row, "work_location");
        return new RawPosting
        {
            ExternalId = string.Join("-", jobId, level ?? "", titleCode ?? "", postingType ?? ""),
            Title = title,
            Url = ApplyUrl(Field(row, "to_apply")) ?? settings.JobUrl.Replace("{job_id}", Uri.EscapeDataString(jobId), StringComparison.Ordinal),
            Organization = Field(row, "agency"),
            Department = Field(row, "division_work_unit"),
            DescriptionHtml = Description(row),
            LocationText = workLocation,
            Locations = workLocation is null ? [] : [new RawLocation(null, null, "US") { Text = workLocation }],
            Salary = Salary(row, where),
            PostedAt = Floating(source, Field(row, "posting_date"), endOfDay: false),
            ClosingAt = Floating(source, Field(row, "post_until"), endOfDay: true),
            EmploymentType = Field(row, "full_time_part_time_indicator") switch
            {
                "F" => "Full-time",
                "P" => "Part-time",
                var other => other,
            },
            // The civil-service title and its code classify better than the free business title.
            SeriesCodes = titleCode is null ? [] : [titleCode],
            Categories = new[] { Field(row, "job_category"), Field(row, "civil_service_title") }.OfType<string>().ToList(),
            LowGrade = level,
            HighGrade = level,
            // NYC posts each job as External (anyone may apply) and, often, again as Internal (city employees only).
            OpenToPublic = postingType?.Trim().ToLowerInvariant() switch { "external" => true, "internal" => false, _ => null },
        };
    }

    static readonly (string Field, string Heading)[] Sections =
    [
        ("job_description", "Job Description"), ("minimum_qual_requirements", "Minimum Qualifications"),
        ("preferred_skills", "Preferred Skills"), ("additional_information", "Additional Information"),
        ("to_apply", "To Apply"), ("hours_shift", "Hours/Shift"), ("work_location_1", "Work Location"),
        ("recruitment_contact", "Recruitment Contact"), ("residency_requirement", "Residency Requirement"),
    ];

    static string? Description(IReadOnlyDictionary<string, string> row)
    {
        var html = new StringBuilder();
        foreach (var (field, heading) in Sections)
        {
            if (Field(row, field) is { } text)
                html.Append(CultureInfo.InvariantCulture, $"<h3>{heading}</h3>\n<p>{text}</p>\n");
        }
        return html.Length == 0 ? null : html.ToString().TrimEnd();
    }

    /// <summary>A URL in the "to apply" text that leads somewhere specific; the bare a127-jobs.nyc.gov home page
    /// ("…SUBMIT RESUME TO: https://a127-jobs.nyc.gov (JOB ID #439131)") is no posting URL.</summary>
    static string? ApplyUrl(string? toApply)
    {
        if (toApply is null)
            return null;
        foreach (Match match in UrlIn().Matches(toApply))
        {
            var candidate = match.Value.TrimEnd('.', ',', ';', ':', ')', ']', '\'', '"');
            if (Uri.TryCreate(candidate, UriKind.Absolute, out var url) && (url.AbsolutePath.Length > 1 || url.Query.Length > 1))
                return url.ToString();
        }
        return null;
    }

    static RawSalary? Salary(IReadOnlyDictionary<string, string> row, string where)
    {
        var fromText = Field(row, "salary_range_from");
        var toText = Field(row, "salary_range_to");
        decimal? Amount(string? text, string field) =>
            text is null ? null : SalaryText.Amount(text) ?? throw new AdapterException($"{where}: {field} '{text}' is not a number");
        var (min, max) = (Amount(fromText, "salary_range_from"), Amount(toText, "salary_range_to"));
        if (min is null && max is null)
            return null;
        var frequency = Field(row, "salary_frequency");
        return new RawSalary(min, max, SalaryText.Unit(frequency), "USD")
        {
            Text = $"{fromText} - {toText} {frequency}".Trim(),
        };
    }

    /// <summary>SODA floating timestamps ("2020-02-14T00:00:00.000") and the newer "13-OCT-2026" text, in city time.
    /// A closing value at midnight is a closing day, which ends at 11:59:59 pm. Unreadable values (the CSV export
    /// has shifted columns in places) are left empty rather than guessed.</summary>
    static DateTimeOffset? Floating(SourceContext source, string? text, bool endOfDay) =>
        DateText.Exact(text, FloatingFormats)?.MidnightAsDate() is not { } date ? null
        : endOfDay ? date.Closing(source)
        : date.Instant(source);

    static readonly string[] FloatingFormats =
        ["yyyy-MM-ddTHH:mm:ss.FFF", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd", "dd-MMM-yyyy", "MM/dd/yyyy", "MM/dd/yyyy hh:mm:ss tt"];

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlIn();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();
}
