using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters.Socrata;

/// <summary>A Socrata (SODA) open-data job dataset shaped like NYC's "Jobs NYC Postings" (kpav-sd4t).</summary>
public sealed partial class SocrataSettings : PlatformSettings
{
    public string Domain { get; set; } = "data.cityofnewyork.us";

    /// <summary>The four-by-four dataset id.</summary>
    public string Dataset { get; set; } = "kpav-sd4t";

    /// <summary><c>json</c> (SODA <c>/resource/{dataset}.json</c>, paged) or <c>csv</c> (the one-file <c>rows.csv</c> export).</summary>
    public string Format { get; set; } = "json";

    /// <summary>Rows per SODA request (<c>$limit</c>); SODA caps it at 50,000.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Keep only <c>posting_type = External</c>; internal postings are copies open to city staff only.</summary>
    public bool ExternalOnly { get; set; } = true;

    /// <summary>Where applicants go when <c>to_apply</c> names no specific URL; <c>{job_id}</c> is replaced.</summary>
    public string JobUrl { get; set; } =
        "https://a127-jobs.nyc.gov/psc/nycjobs/EMPLOYEE/HRMS/c/HRS_HRAM.HRS_APP_SCHJOB.GBL?Page=HRS_APP_JBPST&Action=U&FOCUS=Applicant&SiteId=1&JobOpeningId={job_id}&PostingSeq=1";

    public bool Csv => string.Equals(Format, "csv", StringComparison.OrdinalIgnoreCase);

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        RequiredWithoutBaseUrl("domain", Domain, "the Socrata host (data.cityofnewyork.us)"),
        FourByFour().IsMatch(Dataset ?? "") ? null : new SettingsError("dataset", $"dataset '{Dataset}' is not a Socrata id like kpav-sd4t"),
        OneOf("format", Format, "json", "csv"),
        Between("page_size", PageSize, 1, 50_000),
        JobUrl.Contains("{job_id}", StringComparison.Ordinal) && WebText.HttpUrl(JobUrl.Replace("{job_id}", "1", StringComparison.Ordinal)) is not null ? null
            : new SettingsError("job_url", $"job_url '{JobUrl}' must be an absolute http(s) URL containing {{job_id}}"),
    ];

    /// <summary>An API path on the domain, or below <c>base_url</c> when set.</summary>
    public Uri Url(string pathAndQuery) => Endpoint($"https://{Domain}", pathAndQuery);

    [GeneratedRegex("^[a-z0-9]{4}-[a-z0-9]{4}$")]
    private static partial Regex FourByFour();
}
