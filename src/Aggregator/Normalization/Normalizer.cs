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
        var title = PlainText.OrNull(raw.Title) ?? Untitled;
        var organization = PlainText.OrNull(raw.Organization);
        var (gradeLow, gradeHigh) = (PlainText.OrNull(raw.LowGrade), PlainText.OrNull(raw.HighGrade));
        var seriesCodes = PlainText.Each(raw.SeriesCodes);
        var categories = PlainText.Each(raw.Categories);
        var descriptionHtml = Sanitize(raw.DescriptionHtml);
        var descriptionText = DescriptionText(descriptionHtml);
        var classification = classifier.Classify(RoleInputOf(title, seriesCodes, categories, descriptionText, organization,
            PlainText.OrNull(raw.Department), source.Context));
        var salary = SalaryNormalizer.Normalize(raw.Salary, usFederal: source.Jurisdiction is { Level: "federal", Country: "US" });
        var locations = raw.Locations.Take(MaxLocations).Select(l => Location(l, source)).ToList();
        var regions = locations.Select(l => l.Region).Where(r => r is not null).Distinct().ToList();
        var countries = locations.Select(l => l.Country).Where(c => c is not null).Distinct().ToList();
        var display = PlainText.OrNull(raw.LocationText) ?? PlainText.OrNull(Display(locations));

        var job = new Job
        {
            SourceId = source.Id,
            ExternalId = PlainText.Identifier(raw.ExternalId),
            Url = PlainText.HttpUrl(raw.Url),
            Title = title,
            Organization = organization,
            Department = PlainText.OrNull(raw.Department),
            RoleCategory = classification.Category,
            RoleFamily = classification.Family,
            IsDigital = classification.IsDigital,
            RoleEvidence = EvidenceOf(classification),
            Seniority = SeniorityOf(title, raw),
            PayPlan = PlainText.OrNull(raw.PayPlan),
            GradeLow = gradeLow,
            GradeHigh = gradeHigh,
            SeriesCodes = seriesCodes,
            SourceCategories = categories,
            Locations = JsonSerializer.Serialize(locations, jsonOptions),
            LocationDisplay = display,
            Region = regions.Count == 1 ? regions[0] : locations.Count == 0 ? source.Jurisdiction.Region : null,
            Country = countries.Count == 1 ? countries[0] : locations.Count == 0 ? source.Jurisdiction.Country : null,
            Workplace = WorkplaceOf(raw, display, descriptionText),
            TeleworkEligible = raw.TeleworkEligible,
            SalaryMin = salary.Min,
            SalaryMax = salary.Max,
            SalaryPeriod = salary.Period,
            SalaryCurrency = CurrencyCode(salary.Currency),
            SalaryText = PlainText.OrNull(salary.Text),
            SalaryAnnualMin = salary.AnnualMin,
            SalaryAnnualMax = salary.AnnualMax,
            SalaryMethod = salary.Method,
            SalaryFlag = salary.Flag,
            EmploymentType = PlainText.OrNull(raw.EmploymentType),
            Status = PlainText.OrNull(raw.Status),
            MayCloseEarly = raw.MayCloseEarly,
            OpenToPublic = raw.OpenToPublic,
            PostedAt = raw.PostedAt?.ToUniversalTime(),
            ClosingAt = raw.ClosingKind == ClosingKind.Date ? raw.ClosingAt?.ToUniversalTime() : null,
            ClosingKind = raw.ClosingKind switch { ClosingKind.Continuous => "continuous", ClosingKind.UntilFilled => "until-filled", _ => "date" },
            DescriptionHtml = descriptionHtml,
            DescriptionText = descriptionText,
            ContentHash = "",
            FirstSeenAt = now,
            LastSeenAt = now,
            UpdatedAt = now,
        };
        return job with { DedupKey = DedupKey(job, locations), ContentHash = Hash(job) };
    }

    /// <summary>
    /// The output-side defense, for rows that reached the table another way than <see cref="Normalize"/> (an older
    /// release, a hand edit, a restore): every field gets the normalizer's rules again, so a reader never serves
    /// markup, a character XML forbids or a link that is not http(s), whatever the row holds.
    /// </summary>
    public static Job Safe(Job job)
    {
        static string? Plain(string? value) => PlainText.OrNull(value);
        return job with
        {
            SourceId = PlainText.Identifier(job.SourceId),
            ExternalId = PlainText.Identifier(job.ExternalId),
            Url = PlainText.HttpUrl(job.Url),
            Title = Plain(job.Title) ?? Untitled,
            Organization = Plain(job.Organization),
            Department = Plain(job.Department),
            RoleCategory = PlainText.Of(job.RoleCategory),
            RoleFamily = PlainText.Of(job.RoleFamily),
            RoleEvidence = Plain(job.RoleEvidence),
            Seniority = Plain(job.Seniority),
            PayPlan = Plain(job.PayPlan),
            GradeLow = Plain(job.GradeLow),
            GradeHigh = Plain(job.GradeHigh),
            SeriesCodes = PlainText.Each(job.SeriesCodes),
            SourceCategories = PlainText.Each(job.SourceCategories),
            Locations = SafeLocations(job.Locations),
            LocationDisplay = Plain(job.LocationDisplay),
            Region = Plain(job.Region),
            Country = Plain(job.Country),
            Workplace = Plain(job.Workplace),
            SalaryPeriod = Plain(job.SalaryPeriod),
            SalaryCurrency = CurrencyCode(job.SalaryCurrency),
            SalaryText = Plain(job.SalaryText),
            SalaryMethod = Plain(job.SalaryMethod),
            SalaryFlag = Plain(job.SalaryFlag),
            EmploymentType = Plain(job.EmploymentType),
            Status = Plain(job.Status),
            ClosingKind = PlainText.Of(job.ClosingKind),
            DescriptionHtml = Sanitize(job.DescriptionHtml),
            DescriptionText = PlainText.Lines(job.DescriptionText),
            DedupKey = Plain(job.DedupKey),
        };
    }

    static string SafeLocations(string json)
    {
        try
        {
            var locations = JsonSerializer.Deserialize<List<JobLocation>>(json, jsonOptions) ?? [];
            return JsonSerializer.Serialize(locations.Select(l => new JobLocation(
                PlainText.OrNull(l.City), PlainText.OrNull(l.Region), PlainText.OrNull(l.Country), l.Latitude, l.Longitude, PlainText.OrNull(l.Text))), jsonOptions);
        }
        catch (JsonException)
        {
            return "[]";
        }
    }

    const string Untitled = "(untitled)";

    /// <summary>ISO 4217: three letters. Anything else a source puts in its currency field is not a currency.</summary>
    static string? CurrencyCode(string? value) =>
        PlainText.Of(value).ToUpperInvariant() is { Length: 3 } code && code.All(char.IsAsciiLetterUpper) ? code : null;

    static JobLocation Location(RawLocation l, SourceDefinition source)
    {
        var country = CountryOf(l, source);
        var region = l.Region is { } r && RegionCode().IsMatch(r) ? r : Regions.Code(PlainText.OrNull(l.Region), country);
        // Free text ("Washington, DC", "Toronto, ON", "Cardiff, Wales") names its region after the last comma; the
        // country it implies wins over the jurisdiction's, never over one the source named.
        if (region is null && Regions.InText(PlainText.OrNull(l.Text) ?? PlainText.OrNull(l.City), country, strict: l.Country is not null) is { } place)
            (region, country) = place;
        return new JobLocation(PlainText.OrNull(l.City), region, country, l.Latitude, l.Longitude, PlainText.OrNull(l.Text));
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
        return PlainText.Of($"{classification.Evidence}: {classification.Reason}");
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
        // Added later: only a job that states it gets a different text, so jobs stored before keep their hash.
        if (job.OpenToPublic is { } open)
            text += "\u001fopen_to_public=" + (open ? "true" : "false");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    public static string? Sanitize(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return null;
        var clean = sanitizer.Sanitize(PlainText.StripForbidden(html)).Trim();
        return clean.Length == 0 ? null : clean;
    }

    /// <summary>The sanitized description as plain text, for search and the classifier: block ends become line breaks.</summary>
    static string? DescriptionText(string? html)
    {
        if (html is null)
            return null;
        var document = textParser.ParseDocument("<body>" + html.Replace("<br>", "\n", StringComparison.OrdinalIgnoreCase)
            .Replace("</p>", "</p>\n", StringComparison.OrdinalIgnoreCase).Replace("</li>", "</li>\n", StringComparison.OrdinalIgnoreCase) + "</body>");
        return PlainText.Lines(document.Body?.TextContent);
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

    /// <summary>
    /// Postings of the same job on two boards share title, organization, grades and closing day, and everything a
    /// seeker filters on: workplace, annual pay and places. Announcements that differ in any of those are different
    /// jobs (a remote and an on-site opening of one title), and grouping them would hide one from a filter. Without
    /// a closing day two postings can't be told apart from a re-advertisement, so they get no key.
    /// </summary>
    static string? DedupKey(Job job, List<JobLocation> locations)
    {
        var t = NonAlphanumeric().Replace(job.Title.ToLowerInvariant(), " ").Trim();
        var o = NonAlphanumeric().Replace((job.Organization ?? "").ToLowerInvariant(), " ").Trim();
        if (t.Length == 0 || job.ClosingAt is not { } closing)
            return null;
        var places = locations.Count == 0 ? [job.Region ?? job.Country ?? ""]
            : locations.Select(l => l.Region ?? l.Country ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var pay = FormattableString.Invariant($"{job.SalaryAnnualMin:0}-{job.SalaryAnnualMax:0}");
        return $"{t}|{o}|{job.GradeLow}-{job.GradeHigh}|{closing.UtcDateTime:yyyy-MM-dd}|{job.Workplace}|{pay}|{string.Join(',', places)}";
    }

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
