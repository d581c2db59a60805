using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aggregator.Postings;

namespace Aggregator.Web;

/// <summary>
/// A job as schema.org <c>JobPosting</c> JSON-LD, with what search engines ask for: title, description, datePosted,
/// validThrough, hiringOrganization, jobLocation (or, for a remote job, jobLocationType TELECOMMUTE with the countries
/// applicants may live in), baseSalary where the posting states one, employmentType where we can tell it, the source's
/// identifier, and directApply false (applications happen at the source). Serialized with the default encoder, which
/// writes &lt;, &gt;, &amp; and quotes as <c>\uXXXX</c>, so no field can close the script element it sits in.
/// </summary>
public static class JobPostingLd
{
    static readonly JsonSerializerOptions json = new() { Encoder = JavaScriptEncoder.Default };
    static readonly JsonSerializerOptions web = new(JsonSerializerDefaults.Web);

    /// <param name="job">A job already made safe (<c>Normalizer.Safe</c>).</param>
    public static string Of(Job job, string? sourceName)
    {
        var posting = new JsonObject
        {
            ["@context"] = "https://schema.org/",
            ["@type"] = "JobPosting",
            ["title"] = job.Title,
            ["description"] = job.DescriptionHtml ?? job.DescriptionText ?? JobText.ItemTitle(job),
            ["datePosted"] = JobText.Timestamp(job.PostedAt ?? job.FirstSeenAt),
            ["hiringOrganization"] = new JsonObject { ["@type"] = "Organization", ["name"] = job.Organization ?? sourceName ?? job.SourceId },
            ["identifier"] = new JsonObject { ["@type"] = "PropertyValue", ["name"] = sourceName ?? job.SourceId, ["value"] = job.ExternalId },
            ["directApply"] = false,
        };
        if (job.ClosingAt is { } closing && job.ClosingKind == "date")
            posting["validThrough"] = JobText.Timestamp(closing);
        if (JobText.Link(job) is { } link)
            posting["url"] = link.AbsoluteUri;
        if (EmploymentType(job.EmploymentType) is { } type)
            posting["employmentType"] = type;
        var places = Places(job);
        if (job.Workplace == "remote")
        {
            posting["jobLocationType"] = "TELECOMMUTE";
            var countries = places.Select(p => p.Country).Append(job.Country).OfType<string>().Distinct().ToList();
            posting["applicantLocationRequirements"] = new JsonArray([.. countries.DefaultIfEmpty("US").Select(c => (JsonNode)new JsonObject { ["@type"] = "Country", ["name"] = c })]);
        }
        if (places.Count > 0 && job.Workplace != "remote")
            posting["jobLocation"] = new JsonArray([.. places.Select(p => (JsonNode)new JsonObject
            {
                ["@type"] = "Place",
                ["address"] = Address(p),
            })]);
        if (Salary(job) is { } salary)
            posting["baseSalary"] = salary;
        return posting.ToJsonString(json);
    }

    static JsonObject Address(JobLocation place)
    {
        var address = new JsonObject { ["@type"] = "PostalAddress" };
        if (place.City is { } city)
            address["addressLocality"] = city;
        // ISO 3166-2 "US-MD": the subdivision part is what an address says.
        if (place.Region is { } region)
            address["addressRegion"] = region.Contains('-', StringComparison.Ordinal) ? region[(region.IndexOf('-', StringComparison.Ordinal) + 1)..] : region;
        if (place.Country is { } country)
            address["addressCountry"] = country;
        if (place.City is null && place.Text is { } text)
            address["addressLocality"] = text;
        return address;
    }

    /// <summary>The job's structured places, or one made of its region and display text when it has none.</summary>
    static List<JobLocation> Places(Job job)
    {
        var places = JsonSerializer.Deserialize<List<JobLocation>>(job.Locations, web) ?? [];
        places = [.. places.Where(p => p.City is not null || p.Region is not null || p.Country is not null || p.Text is not null)];
        if (places.Count == 0 && (job.Region is not null || job.Country is not null || job.LocationDisplay is not null))
            places.Add(new JobLocation(null, job.Region, job.Country, null, null, job.LocationDisplay));
        return places;
    }

    static JsonObject? Salary(Job job)
    {
        if (job.SalaryCurrency is null || (job.SalaryMin is null && job.SalaryMax is null) || job.SalaryFlag is not null)
            return null;
        var unit = job.SalaryPeriod switch
        {
            "hour" => "HOUR",
            "day" => "DAY",
            "week" => "WEEK",
            "month" => "MONTH",
            "year" => "YEAR",
            _ => null,
        };
        // Biweekly and other periods have no schema.org unit: the annualized range says the same thing in YEAR.
        var (min, max) = unit is null ? (job.SalaryAnnualMin, job.SalaryAnnualMax) : (job.SalaryMin, job.SalaryMax);
        unit ??= "YEAR";
        if (min is null && max is null)
            return null;
        var value = new JsonObject { ["@type"] = "QuantitativeValue", ["unitText"] = unit };
        if (min is not null)
            value["minValue"] = min;
        if (max is not null)
            value["maxValue"] = max;
        return new JsonObject { ["@type"] = "MonetaryAmount", ["currency"] = job.SalaryCurrency, ["value"] = value };
    }

    /// <summary>schema.org's employment types from the source's wording; null when it says nothing we can read.</summary>
    static string? EmploymentType(string? text)
    {
        var t = text?.ToLowerInvariant() ?? "";
        return t switch
        {
            _ when t.Contains("part", StringComparison.Ordinal) => "PART_TIME",
            _ when t.Contains("full", StringComparison.Ordinal) || t.Contains("permanent", StringComparison.Ordinal) => "FULL_TIME",
            _ when t.Contains("intern", StringComparison.Ordinal) => "INTERN",
            _ when t.Contains("contract", StringComparison.Ordinal) => "CONTRACTOR",
            _ when t.Contains("temporary", StringComparison.Ordinal) || t.Contains("seasonal", StringComparison.Ordinal) || t.Contains("term", StringComparison.Ordinal) => "TEMPORARY",
            _ when t.Contains("per diem", StringComparison.Ordinal) => "PER_DIEM",
            _ when t.Contains("volunteer", StringComparison.Ordinal) => "VOLUNTEER",
            _ => null,
        };
    }
}
