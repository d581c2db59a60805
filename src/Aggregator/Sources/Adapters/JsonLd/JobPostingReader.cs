using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Aggregator.Sources.Adapters.JsonLd;

/// <summary>The schema.org JobPostings a page's JSON-LD holds, and the first error of a script block that did not parse.</summary>
public sealed record JobPostingsRead(IReadOnlyList<RawPosting> Postings, string? Broken);

/// <summary>
/// Reads schema.org JobPosting JSON-LD in every shape seen in the wild: several script blocks, <c>@graph</c>,
/// top-level arrays, CDATA wrappers, string or structured salaries, unpadded dates, half a surrogate pair. The
/// <c>jsonld</c> adapter reads whole pages with it; the platforms whose job pages carry it (JobAps bulletins, iCIMS,
/// Taleo Business Edition) read those with it too.
/// </summary>
public static partial class JobPostingReader
{
    static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Every JobPosting in the page's <c>application/ld+json</c> blocks.</summary>
    /// <param name="defaultCurrency">ISO 4217 code for string salaries with a bare "$" and no currency of their own.</param>
    public static JobPostingsRead Read(SourceContext source, IDocument document, Uri page, string defaultCurrency)
    {
        var postings = new List<RawPosting>();
        string? broken = null;
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json' i]"))
        {
            var json = Unwrap().Replace(script.TextContent, "").Trim();
            if (json.Length == 0)
                continue;
            try
            {
                using var parsed = JsonDocument.Parse(JsonContent.RepairSurrogates(json), Lenient);
                foreach (var node in JobPostings(parsed.RootElement))
                    postings.Add(Posting(source, node, page, defaultCurrency));
            }
            catch (JsonException e)
            {
                broken ??= e.Message;
            }
        }
        // Several postings on one page without identifier or url share the page URL; number them.
        var duplicates = postings.GroupBy(p => p.ExternalId).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        for (var i = 0; i < postings.Count; i++)
        {
            if (duplicates.Contains(postings[i].ExternalId))
                postings[i] = postings[i] with { ExternalId = $"{postings[i].ExternalId}#{i + 1}" };
        }
        return new JobPostingsRead(postings, broken);
    }

    /// <summary>The one posting a job page describes: its first JobPosting.</summary>
    /// <exception cref="AdapterException">The page has none; <paramref name="page"/> names the kind of page in the message.</exception>
    public static RawPosting First(SourceContext source, FetchedContent content, string defaultCurrency, string page)
    {
        using var document = Selectors.Page(content);
        var (postings, broken) = Read(source, document, content.Url, defaultCurrency);
        return postings.Count > 0 ? postings[0]
            : throw new AdapterException($"{page} {content.Url} has no JobPosting{(broken is null ? "" : $"; a script block failed to parse: {broken}")}");
    }

    /// <summary>A listed posting completed from its job page's JobPosting: the page's title, organization, description and
    /// salary where it has them, and both category lists. Places, dates and kinds are each platform's to weigh.</summary>
    public static RawPosting Complete(RawPosting listed, RawPosting found) => listed with
    {
        Title = found.Title.Length > 0 ? found.Title : listed.Title,
        Organization = found.Organization ?? listed.Organization,
        DescriptionHtml = found.DescriptionHtml ?? listed.DescriptionHtml,
        Salary = found.Salary ?? listed.Salary,
        Categories = [.. listed.Categories.Concat(found.Categories).Distinct(StringComparer.OrdinalIgnoreCase)],
    };

    static IEnumerable<JsonElement> JobPostings(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Array)
            return node.EnumerateArray().SelectMany(JobPostings);
        if (node.ValueKind != JsonValueKind.Object)
            return [];
        if (Types(node).Any(t => t.EndsWith("JobPosting", StringComparison.Ordinal)))
            return [node];
        var nested = new List<JsonElement>();
        foreach (var key in new[] { "@graph", "itemListElement", "item", "mainEntity" })
        {
            if (node.Property(key) is { } child)
                nested.AddRange(JobPostings(child));
        }
        return nested;
    }

    static RawPosting Posting(SourceContext source, JsonElement job, Uri page, string defaultCurrency)
    {
        var url = job.StringOf("url") is { } u && WebText.Resolve(page, u) is { } resolved ? resolved.AbsoluteUri : page.AbsoluteUri;
        var locations = Locations(job).ToList();
        var remote = job.Strings("jobLocationType").Any(t => t.Equals("TELECOMMUTE", StringComparison.OrdinalIgnoreCase));
        var applicantAreas = remote ? ApplicantLocations(job).ToList() : [];
        var employment = job.Strings("employmentType").ToList();
        return new RawPosting
        {
            ExternalId = Identifier(job) ?? url,
            Title = WebText.Clean(job.StringOf("title") ?? job.StringOf("name")),
            Url = url,
            DescriptionHtml = Description(job.StringOf("description")),
            Organization = Organization(job, "hiringOrganization"),
            Locations = [.. locations, .. applicantAreas],
            LocationText = remote && applicantAreas.Count > 0 ? "Remote (" + string.Join(", ", applicantAreas.Select(a => a.Text)) + ")"
                : remote ? "Remote"
                : locations.Count > 0 ? string.Join("; ", locations.Select(l => l.Text)) : null,
            Workplace = remote ? Workplace.Remote : null,
            Salary = Salary(job, defaultCurrency),
            PostedAt = DateText.Instant(job.StringOf("datePosted"), source),
            ClosingAt = DateText.Closing(job.StringOf("validThrough"), source),
            EmploymentType = employment.Count > 0 ? string.Join(", ", employment) : null,
            Categories = [.. job.Strings("occupationalCategory"), .. job.Strings("industry")],
        };
    }

    /// <summary>Descriptions arrive as HTML, or as entity-escaped HTML ("&amp;lt;p&amp;gt;"); the latter is unescaped once.</summary>
    static string? Description(string? text) =>
        text is not null && !text.Contains('<', StringComparison.Ordinal) && text.Contains("&lt;", StringComparison.Ordinal) ? WebUtility.HtmlDecode(text) : text;

    static string? Identifier(JsonElement job)
    {
        if (job.Property("identifier") is not { } id)
            return null;
        var element = id.ValueKind == JsonValueKind.Array ? id.EnumerateArray().FirstOrDefault() : id;
        return element.ValueKind switch
        {
            JsonValueKind.String => WebText.CleanOrNull(element.GetString()),
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.Object => element.StringOf("value") ?? element.StringOf("@id") ?? element.StringOf("name"),
            _ => null,
        };
    }

    static string? Organization(JsonElement job, string key) =>
        job.Property(key) is { } org ? org.ValueKind switch
        {
            JsonValueKind.String => WebText.CleanOrNull(org.GetString()),
            JsonValueKind.Object => WebText.CleanOrNull(org.StringOf("name")),
            JsonValueKind.Array => org.EnumerateArray().Select(o => o.ValueKind == JsonValueKind.Object ? o.StringOf("name") : o.GetString()).FirstOrDefault(),
            _ => null,
        } : null;

    static IEnumerable<RawLocation> Locations(JsonElement job)
    {
        foreach (var place in job.Values("jobLocation"))
        {
            if (place.ValueKind == JsonValueKind.String)
            {
                yield return new RawLocation(null, null, null) { Text = WebText.Clean(place.GetString()) };
                continue;
            }
            var address = place.Property("address") ?? place;
            if (address.ValueKind == JsonValueKind.String)
            {
                yield return new RawLocation(null, null, null) { Text = WebText.Clean(address.GetString()) };
                continue;
            }
            var city = AddressPart(address, "addressLocality");
            var region = AddressPart(address, "addressRegion");
            var country = address.Property("addressCountry") is { ValueKind: JsonValueKind.Object } c ? c.StringOf("name") : AddressPart(address, "addressCountry");
            var geo = place.Property("geo");
            var text = string.Join(", ", new[] { AddressPart(address, "streetAddress"), city, region, AddressPart(address, "postalCode"), country }.OfType<string>());
            if (text.Length > 0)
                yield return new RawLocation(city, region, country, geo?.DoubleOf("latitude"), geo?.DoubleOf("longitude")) { Text = text };
        }
    }

    /// <summary>An address part, or null for a blank or a generator's placeholder: iCIMS fills every part it lacks
    /// with "UNAVAILABLE" because schema.org validators ask for them.</summary>
    static string? AddressPart(JsonElement address, string key) =>
        WebText.CleanOrNull(address.StringOf(key)) is { } value && !value.Equals("UNAVAILABLE", StringComparison.OrdinalIgnoreCase) ? value : null;

    static IEnumerable<RawLocation> ApplicantLocations(JsonElement job)
    {
        foreach (var area in job.Values("applicantLocationRequirements"))
        {
            var name = area.ValueKind == JsonValueKind.String ? area.GetString() : area.StringOf("name");
            if (string.IsNullOrWhiteSpace(name))
                continue;
            var type = area.ValueKind == JsonValueKind.Object ? Types(area).FirstOrDefault() : null;
            yield return type switch
            {
                "State" or "AdministrativeArea" => new RawLocation(null, name, null) { Text = name },
                "City" => new RawLocation(name, null, null) { Text = name },
                _ => new RawLocation(null, null, name) { Text = name },
            };
        }
    }

    static RawSalary? Salary(JsonElement job, string defaultCurrency)
    {
        var salary = job.Property("baseSalary") ?? job.Property("estimatedSalary") ?? job.Property("salary") ?? default;
        if (salary.ValueKind == JsonValueKind.Array)
            salary = salary.EnumerateArray().FirstOrDefault();
        if (salary.ValueKind == JsonValueKind.String)
            return SalaryText.Parse(salary.GetString(), job.StringOf("salaryCurrency") ?? defaultCurrency);
        if (salary.ValueKind == JsonValueKind.Number)
            return new RawSalary(salary.GetDecimal(), salary.GetDecimal(), SalaryPeriod.Unknown, job.StringOf("salaryCurrency") ?? defaultCurrency);
        if (salary.ValueKind != JsonValueKind.Object)
            return null;
        var currency = salary.StringOf("currency") ?? job.StringOf("salaryCurrency");
        var unit = salary.StringOf("unitText");
        var value = salary.Property("value") ?? salary;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var parsed = SalaryText.Parse(value.GetString(), currency ?? defaultCurrency);
                return parsed is null ? null : parsed with
                {
                    Currency = currency ?? parsed.Currency,
                    Period = SalaryText.Unit(unit) is var p && p != SalaryPeriod.Unknown ? p : parsed.Period,
                };
            case JsonValueKind.Number:
                return new RawSalary(value.GetDecimal(), value.GetDecimal(), SalaryText.Unit(unit), currency ?? defaultCurrency);
            case JsonValueKind.Object:
                var single = Amount(value, "value");
                var min = Amount(value, "minValue") ?? single;
                var max = Amount(value, "maxValue") ?? single ?? min;
                if (min is null && max is null)
                    return null;
                return new RawSalary(min, max, SalaryText.Unit(value.StringOf("unitText") ?? unit), currency ?? defaultCurrency);
            default:
                return null;
        }
    }

    /// <summary>An amount as a JSON number or as text ("$100,000", "45k").</summary>
    static decimal? Amount(JsonElement element, string name) => element.DecimalOf(name) ?? SalaryText.Amount(element.StringOf(name));

    static IEnumerable<string> Types(JsonElement node) =>
        node.Strings("@type").Select(t => t[(Math.Max(t.LastIndexOf('/'), t.LastIndexOf(':')) + 1)..]);

    [GeneratedRegex(@"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$|^\s*<!--|-->\s*$")]
    private static partial Regex Unwrap();
}
