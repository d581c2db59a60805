using System.Net;
using System.Text.Json;

namespace Aggregator.Sources.Adapters.Greenhouse;

/// <summary>
/// Greenhouse Job Board API: every posting of a board in one response (<c>content=true</c> adds the
/// description, HTML that Greenhouse entity-escapes once more). Pay ranges come only from the single-job call.
/// </summary>
public sealed class GreenhouseAdapter : SourceAdapter<GreenhouseSettings>
{
    public override string Platform => "greenhouse";

    /// <summary>A whole board in one response, descriptions included: 10–17 KB a posting, so a board of 2,000 is ~30 MB.</summary>
    public override long? MaxResponseBytes => 256L * 1024 * 1024;

    protected override IEnumerable<FetchRequest> Start(SourceContext source, GreenhouseSettings settings) =>
        [new FetchRequest(settings.Endpoint(GreenhouseSettings.DefaultBaseUrl, $"/v1/boards/{Uri.EscapeDataString(settings.Board)}/jobs?content=true"))];

    protected override AdapterPage Parse(SourceContext source, GreenhouseSettings settings, FetchRequest request, FetchedContent content)
    {
        using var document = JsonContent.Parse(content);
        var root = document.RootElement;
        if (root.Property("jobs") is not { ValueKind: JsonValueKind.Array } jobs)
            throw new AdapterException($"{content.Url}: not a Greenhouse job board response: no \"jobs\" array (got {root.Describe()})");
        var postings = jobs.EnumerateArray().Select((job, index) => Posting(source, settings, content, job, index)).ToList();
        var total = root.Property("meta")?.IntOf("total");
        if (!settings.PayRanges)
            return new AdapterPage(postings) { ExpectedTotal = total };
        // The detail request completes each posting; the runner skips it for postings it already holds.
        return new AdapterPage([])
        {
            ExpectedTotal = total,
            Next = postings.Select(p => DetailRequest(settings.Endpoint(GreenhouseSettings.DefaultBaseUrl,
                $"/v1/boards/{Uri.EscapeDataString(settings.Board)}/jobs/{p.ExternalId}?pay_transparency=true"), p)).ToList(),
        };
    }

    static RawPosting Posting(SourceContext source, GreenhouseSettings settings, FetchedContent content, JsonElement job, int index)
    {
        var id = job.StringOf("id") ?? throw new AdapterException($"{content.Url}: jobs[{index}] has no id");
        var title = job.StringOf("title")?.Trim() ?? throw new AdapterException($"{content.Url}: job {id} has no title");
        var location = job.Property("location")?.StringOf("name")?.Trim();
        var departments = job.Array("departments").Select(d => d.StringOf("name")?.Trim()).OfType<string>().Where(n => n.Length > 0).ToList();
        return new RawPosting
        {
            ExternalId = id,
            Title = title,
            Url = job.StringOf("absolute_url") ?? $"https://job-boards.greenhouse.io/{settings.Board}/jobs/{id}",
            Organization = job.StringOf("company_name"),
            Department = departments.FirstOrDefault(),
            Categories = departments,
            DescriptionHtml = job.StringOf("content") is { } html ? WebUtility.HtmlDecode(html) : null,
            LocationText = location,
            Locations = Locations(job, location),
            Workplace = WorkplaceIn(location),
            PostedAt = DateText.Instant(job.StringOf("first_published"), source) ?? DateText.Instant(job.StringOf("updated_at"), source),
            ClosingAt = DateText.Closing(job.StringOf("application_deadline"), source),
        };
    }

    static List<RawLocation> Locations(JsonElement job, string? location)
    {
        // Offices are the board's own place list ("United States of America", "Italy", "Remote"); the free-text
        // location is what the posting shows. Both stay text for the normalizer.
        var offices = job.Array("offices")
            .Select(o => (o.StringOf("location") ?? o.StringOf("name"))?.Trim())
            .OfType<string>()
            .Where(o => o.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(o => new RawLocation(null, null, null) { Text = o })
            .ToList();
        return offices.Count > 0 ? offices : location is null ? [] : [new RawLocation(null, null, null) { Text = location }];
    }

    /// <summary>Greenhouse has no structured remote flag; the location text says it ("Remote, US", "Hybrid - London").</summary>
    static Workplace? WorkplaceIn(string? location) =>
        location is null ? null
        : location.Contains("remote", StringComparison.OrdinalIgnoreCase) ? Workplace.Remote
        : location.Contains("hybrid", StringComparison.OrdinalIgnoreCase) ? Workplace.Hybrid
        : null;

    /// <summary>The single-job response adds the pay range to the posting listed.</summary>
    protected override RawPosting ParseDetail(SourceContext source, GreenhouseSettings settings, RawPosting listed, FetchedContent content)
    {
        using var document = JsonContent.Parse(content);
        var job = document.RootElement;
        if (job.ValueKind != JsonValueKind.Object || job.StringOf("id") is null)
            throw new AdapterException($"{content.Url}: not a Greenhouse job response: no job id (got {job.Describe()})");
        var range = job.Array("pay_input_ranges").FirstOrDefault();
        if (range.ValueKind != JsonValueKind.Object)
            return listed;
        var title = range.StringOf("title")?.Trim();
        return listed with
        {
            // A pay range has no period field; only its title can say one. Never guessed from the amount.
            Salary = new RawSalary(range.DecimalOf("min_cents") / 100m, range.DecimalOf("max_cents") / 100m, SalaryText.Unit(title), range.StringOf("currency_type") ?? "USD")
            {
                Text = title,
            },
        };
    }
}
