using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Aggregator.Sources.Adapters.Lever;

/// <summary>Lever Postings API: a bare JSON array of postings, times in epoch milliseconds, no closing dates.</summary>
public sealed class LeverAdapter : SourceAdapter<LeverSettings>
{
    public override string Platform => "lever";

    /// <summary>Without a page size, every posting of the company with its description and lists in one response.</summary>
    public override long? MaxResponseBytes => 256L * 1024 * 1024;

    protected override IEnumerable<FetchRequest> Start(SourceContext source, LeverSettings settings) => [Request(settings, 0)];

    static FetchRequest Request(LeverSettings settings, int skip)
    {
        var paging = settings.PageSize > 0 ? $"&skip={skip}&limit={settings.PageSize}" : "";
        return new FetchRequest(settings.Endpoint(LeverSettings.DefaultBaseUrl, $"/v0/postings/{Uri.EscapeDataString(settings.Company)}?mode=json{paging}"))
        {
            State = skip,
        };
    }

    protected override AdapterPage Parse(SourceContext source, LeverSettings settings, FetchRequest request, FetchedContent content)
    {
        using var document = JsonContent.Parse(content);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            // Unknown companies answer {"ok":false,"error":"Document not found"}.
            var error = root.StringOf("error") ?? root.StringOf("message");
            throw new AdapterException($"{content.Url}: not a Lever postings array: got a JSON {root.ValueKind.ToString().ToLowerInvariant()}{(error is null ? "" : $" saying '{error}'")}");
        }
        var postings = root.EnumerateArray().Select((posting, index) => Posting(settings, content, posting, index)).ToList();
        var skip = request.State as int? ?? 0;
        var more = settings.PageSize > 0 && postings.Count >= settings.PageSize;
        return new AdapterPage(postings) { Next = more ? [Request(settings, skip + postings.Count)] : [] };
    }

    static RawPosting Posting(LeverSettings settings, FetchedContent content, JsonElement posting, int index)
    {
        var id = posting.StringOf("id") ?? throw new AdapterException($"{content.Url}: posting [{index}] has no id");
        var title = posting.StringOf("text")?.Trim() ?? throw new AdapterException($"{content.Url}: posting {id} has no text (title)");
        var categories = posting.Property("categories");
        string? Category(string name) => categories?.StringOf(name)?.Trim() is { Length: > 0 } value ? value : null;
        var location = Category("location");
        var all = categories?.Array("allLocations").Select(l => l.GetString()?.Trim()).OfType<string>().Where(l => l.Length > 0).ToList() ?? [];
        if (all.Count == 0 && location is not null)
            all.Add(location);
        var country = posting.StringOf("country");
        return new RawPosting
        {
            ExternalId = id,
            Title = title,
            Url = posting.StringOf("hostedUrl") ?? $"https://jobs.lever.co/{settings.Company}/{id}",
            Department = Category("department") ?? Category("team"),
            Categories = new[] { Category("team"), Category("department") }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            EmploymentType = Category("commitment"),
            DescriptionHtml = Description(posting),
            LocationText = location,
            // Lever's country is the posting's; it applies to each place only when there is one place.
            Locations = all.Select(l => new RawLocation(null, null, all.Count == 1 ? country : null) { Text = l }).ToList(),
            Workplace = posting.StringOf("workplaceType") switch
            {
                "remote" => Workplace.Remote,
                "hybrid" => Workplace.Hybrid,
                "on-site" or "onsite" => Workplace.OnSite,
                _ => null,
            },
            PostedAt = posting.Property("createdAt") is { ValueKind: JsonValueKind.Number } created
                ? DateTimeOffset.FromUnixTimeMilliseconds(created.GetInt64())
                : null,
            Salary = Salary(posting.Property("salaryRange")),
        };
    }

    /// <summary>The page Lever hosts: the description, each list under its heading, then the closing text.</summary>
    static string? Description(JsonElement posting)
    {
        var html = new StringBuilder(posting.StringOf("description") ?? "");
        foreach (var list in posting.Array("lists"))
            html.Append(CultureInfo.InvariantCulture, $"\n<h3>{list.StringOf("text")}</h3>\n<ul>{list.StringOf("content")}</ul>");
        if (posting.StringOf("additional") is { Length: > 0 } additional)
            html.Append('\n').Append(additional);
        return html.Length == 0 ? null : html.ToString();
    }

    static RawSalary? Salary(JsonElement? range)
    {
        if (range is not { ValueKind: JsonValueKind.Object } r)
            return null;
        var (min, max) = (r.DecimalOf("min"), r.DecimalOf("max"));
        if (min is null && max is null)
            return null;
        var interval = r.StringOf("interval");
        var currency = r.StringOf("currency") ?? "USD";
        return new RawSalary(min, max, interval switch
        {
            "per-year-salary" => SalaryPeriod.Year,
            "per-month-salary" => SalaryPeriod.Month,
            "per-week-salary" => SalaryPeriod.Week,
            "per-day-wage" => SalaryPeriod.Day,
            "per-hour-wage" => SalaryPeriod.Hour,
            _ => SalaryPeriod.Unknown,
        }, currency)
        {
            Text = string.Create(CultureInfo.InvariantCulture, $"{min}-{max} {currency} {interval}"),
        };
    }
}
