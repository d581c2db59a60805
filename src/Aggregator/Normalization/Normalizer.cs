using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Aggregator.Postings;
using Aggregator.Sources;
using Aggregator.Sources.Adapters;
using Ganss.Xss;

namespace Aggregator.Normalization;

/// <summary>Turns what an adapter read into a <see cref="Job"/> in our one vocabulary.</summary>
public sealed partial class Normalizer(RoleClassifier classifier)
{
    const int MaxTitleLength = 500;
    const int MaxLocations = 25;

    static readonly HtmlParser textParser = new();

    // HtmlSanitizer is not thread-safe to configure but is safe to share for Sanitize calls once built.
    static readonly HtmlSanitizer sanitizer = CreateSanitizer();

    static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.Add("http");
        s.AllowedSchemes.Add("https");
        s.AllowedSchemes.Add("mailto");
        s.AllowedAttributes.Remove("style");
        s.AllowedAttributes.Remove("class");
        s.AllowedAttributes.Remove("id");
        s.AllowedTags.Remove("img");
        s.AllowedTags.Remove("form");
        s.AllowedTags.Remove("input");
        s.AllowedTags.Remove("button");
        s.AllowedTags.Remove("textarea");
        s.AllowedTags.Remove("select");
        s.AllowedTags.Remove("option");
        s.AllowedCssProperties.Clear();
        return s;
    }

    public Job Normalize(SourceDefinition source, RawPosting raw, DateTimeOffset now)
    {
        var title = CleanTitle(raw.Title);
        var descriptionHtml = Sanitize(raw.DescriptionHtml);
        var descriptionText = PlainText(descriptionHtml);
        var classification = classifier.Classify(RoleInputOf(title, raw.SeriesCodes, raw.Categories, descriptionText, raw.Organization,
            raw.Department, source.Context));
        var salary = SalaryNormalizer.Normalize(raw.Salary, source.Jurisdiction.Level == "federal");
        var locations = raw.Locations.Take(MaxLocations)
            .Select(l => new JobLocation(Clean(l.City), RegionOf(l, source), CountryOf(l, source), l.Latitude, l.Longitude, Clean(l.Text)))
            .ToList();
        var regions = locations.Select(l => l.Region).Where(r => r is not null).Distinct().ToList();
        var countries = locations.Select(l => l.Country).Where(c => c is not null).Distinct().ToList();
        var display = Clean(raw.LocationText) ?? Display(locations);

        var job = new Job
        {
            SourceId = source.Id,
            ExternalId = raw.ExternalId.Trim(),
            Url = raw.Url.Trim(),
            Title = title,
            Organization = Clean(raw.Organization),
            Department = Clean(raw.Department),
            RoleCategory = classification.Category,
            RoleFamily = classification.Family,
            IsDigital = classification.IsDigital,
            RoleEvidence = EvidenceOf(classification),
            Seniority = SeniorityOf(title, raw),
            PayPlan = Clean(raw.PayPlan),
            GradeLow = Clean(raw.LowGrade),
            GradeHigh = Clean(raw.HighGrade),
            SeriesCodes = [.. raw.SeriesCodes.Select(c => c.Trim()).Where(c => c.Length > 0)],
            SourceCategories = [.. raw.Categories.Select(c => CleanText(c)).Where(c => c.Length > 0)],
            Locations = JsonSerializer.Serialize(locations, jsonOptions),
            LocationDisplay = display,
            Region = regions.Count == 1 ? regions[0] : locations.Count == 0 ? source.Jurisdiction.Region : null,
            Country = countries.Count == 1 ? countries[0] : locations.Count == 0 ? source.Jurisdiction.Country : null,
            Workplace = WorkplaceOf(raw, display, descriptionText),
            TeleworkEligible = raw.TeleworkEligible,
            SalaryMin = salary.Min,
            SalaryMax = salary.Max,
            SalaryPeriod = salary.Period,
            SalaryCurrency = salary.Currency,
            SalaryText = Clean(salary.Text),
            SalaryAnnualMin = salary.AnnualMin,
            SalaryAnnualMax = salary.AnnualMax,
            SalaryMethod = salary.Method,
            SalaryFlag = salary.Flag,
            EmploymentType = Clean(raw.EmploymentType),
            Status = Clean(raw.Status),
            MayCloseEarly = raw.MayCloseEarly,
            PostedAt = raw.PostedAt?.ToUniversalTime(),
            ClosingAt = raw.ClosingKind == ClosingKind.Date ? raw.ClosingAt?.ToUniversalTime() : null,
            ClosingKind = raw.ClosingKind switch { ClosingKind.Continuous => "continuous", ClosingKind.UntilFilled => "until-filled", _ => "date" },
            DescriptionHtml = descriptionHtml,
            DescriptionText = descriptionText,
            ContentHash = "",
            DedupKey = DedupKey(title, raw.Organization, raw.LowGrade, raw.HighGrade, raw.ClosingAt),
            FirstSeenAt = now,
            LastSeenAt = now,
            UpdatedAt = now,
        };
        return job with { ContentHash = Hash(job) };
    }

    /// <summary>
    /// What the classifier reads of a posting: the title first, then the series, the source's categories, the organization
    /// (agency and department together) with the context its definition declares, and the description.
    /// </summary>
    public static RoleInput RoleInputOf(string title, IReadOnlyList<string> series, IReadOnlyList<string> categories, string? description,
        string? organization, string? department, string? context) =>
        new(title, series, categories, description,
            organization is null ? department : department is null ? organization : $"{organization} / {department}", context);

    /// <summary>How a classification is stored in <c>role_evidence</c>: "title: parenthetical APPSW".</summary>
    public static string EvidenceOf(Classification classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        return $"{classification.Evidence}: {classification.Reason}";
    }

    /// <summary>The same input for a stored job, for reclassification.</summary>
    public static RoleInput RoleInputOf(Job job, string? context)
    {
        ArgumentNullException.ThrowIfNull(job);
        return RoleInputOf(job.Title, job.SeriesCodes, job.SourceCategories, job.DescriptionText, job.Organization, job.Department, context);
    }

    static string? SeniorityOf(string title, RawPosting raw)
    {
        var level = Seniority.Parse(title, raw.PayPlan, raw.LowGrade, raw.HighGrade).Level;
        return level == SeniorityLevel.Unknown ? null : level.ToString().ToLowerInvariant();
    }

    static readonly JsonSerializerOptions jsonOptions = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The hash covers what a reader sees; it moves exactly when the content does.</summary>
    public static string Hash(Job job)
    {
        var text = string.Join('\u001f',
            job.Url, job.Title, job.Organization, job.Department, job.RoleCategory, job.PayPlan, job.GradeLow, job.GradeHigh,
            string.Join(',', job.SeriesCodes), string.Join(',', job.SourceCategories), job.Locations, job.LocationDisplay, job.Workplace,
            job.TeleworkEligible, job.SalaryMin, job.SalaryMax, job.SalaryPeriod, job.SalaryCurrency, job.SalaryText, job.EmploymentType,
            job.Status, job.MayCloseEarly, job.PostedAt?.ToUnixTimeSeconds(), job.ClosingAt?.ToUnixTimeSeconds(), job.ClosingKind, job.DescriptionHtml);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    public static string? Sanitize(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return null;
        var clean = sanitizer.Sanitize(StripForbiddenChars(html)).Trim();
        return clean.Length == 0 ? null : clean;
    }

    static string? PlainText(string? html)
    {
        if (html is null)
            return null;
        var document = textParser.ParseDocument("<body>" + html.Replace("<br>", "\n", StringComparison.OrdinalIgnoreCase)
            .Replace("</p>", "</p>\n", StringComparison.OrdinalIgnoreCase).Replace("</li>", "</li>\n", StringComparison.OrdinalIgnoreCase) + "</body>");
        var text = document.Body?.TextContent ?? "";
        text = BlankLines().Replace(Spaces().Replace(text, " "), "\n").Trim();
        return text.Length == 0 ? null : text;
    }

    static string CleanTitle(string title)
    {
        var clean = CleanText(title);
        if (clean.Length == 0)
            return "(untitled)";
        return clean.Length <= MaxTitleLength ? clean : clean[..(MaxTitleLength - 1)].TrimEnd() + "…";
    }

    static string? Clean(string? value)
    {
        if (value is null)
            return null;
        var clean = CleanText(value);
        return clean.Length == 0 ? null : clean;
    }

    /// <summary>Decodes entities, drops characters XML 1.0 forbids and collapses whitespace.</summary>
    public static string CleanText(string value) =>
        AnyWhitespace().Replace(StripForbiddenChars(System.Net.WebUtility.HtmlDecode(value)), " ").Trim();

    /// <summary>Removes control characters and unpaired surrogates, which no XML feed may carry.</summary>
    public static string StripForbiddenChars(string value)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var ok = c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF && !(c >= 0x7F && c <= 0x9F)) || (c >= 0xE000 && c <= 0xFFFD);
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder?.Append(c).Append(value[i + 1]);
                i++;
                continue;
            }
            if (ok)
            {
                builder?.Append(c);
            }
            else
            {
                builder ??= new StringBuilder(value.Length).Append(value, 0, i);
            }
        }
        return builder?.ToString() ?? value;
    }

    static string? RegionOf(RawLocation l, SourceDefinition source)
    {
        var country = CountryOf(l, source);
        if (l.Region is { } r && RegionCode().IsMatch(r))
            return r;
        return Regions.Code(l.Region, country);
    }

    static string? CountryOf(RawLocation l, SourceDefinition source)
    {
        if (l.Country is { Length: 2 } iso && iso.All(char.IsAsciiLetterUpper))
            return iso;
        return Regions.Country(l.Country) ?? (l.Country is null ? source.Jurisdiction.Country : null);
    }

    static string? Display(List<JobLocation> locations)
    {
        if (locations.Count == 0)
            return null;
        var names = locations.Select(l => l.Text ?? string.Join(", ", new[] { l.City, l.Region?.Split('-')[^1] }.Where(p => p is not null))).Where(n => n.Length > 0).Distinct().ToList();
        return names.Count switch
        {
            0 => null,
            <= 3 => string.Join("; ", names),
            _ => $"{string.Join("; ", names.Take(3))} and {names.Count - 3} more",
        };
    }

    static string? WorkplaceOf(RawPosting raw, string? display, string? description)
    {
        if (raw.Workplace is { } w)
            return w switch { Workplace.Remote => "remote", Workplace.Hybrid => "hybrid", _ => "on-site" };
        if (display is not null && RemoteText().IsMatch(display))
            return "remote";
        if (display is not null && HybridText().IsMatch(display))
            return "hybrid";
        if (raw.TeleworkEligible == true)
            return "hybrid";
        if (description is not null && FullyRemoteText().IsMatch(description))
            return "remote";
        return raw.Locations.Count > 0 || display is not null ? "on-site" : null;
    }

    /// <summary>Postings of the same job on two boards share title, organization, grades and closing day.
    /// Without a closing day two postings can't be told apart from a re-advertisement, so they get no key.</summary>
    static string? DedupKey(string title, string? organization, string? lowGrade, string? highGrade, DateTimeOffset? closing)
    {
        var t = NonAlphanumeric().Replace(title.ToLowerInvariant(), " ").Trim();
        var o = NonAlphanumeric().Replace((organization ?? "").ToLowerInvariant(), " ").Trim();
        return t.Length == 0 || closing is null ? null : $"{t}|{o}|{lowGrade}-{highGrade}|{closing.Value.UtcDateTime:yyyy-MM-dd}";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex AnyWhitespace();

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();

    [GeneratedRegex("^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex RegionCode();

    [GeneratedRegex(@"\bremote\b|telecommut|anywhere in the u\.?s|work from home|\bvirtual\b", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteText();

    [GeneratedRegex(@"\bhybrid\b", RegexOptions.IgnoreCase)]
    private static partial Regex HybridText();

    [GeneratedRegex(@"\b(this is a|fully|100%) remote (position|role|job)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FullyRemoteText();
}
