namespace Aggregator.Sources.Adapters.SmartRecruiters;

/// <summary><c>platform.smartrecruiters</c>: one company's public postings through the keyless SmartRecruiters Posting API.</summary>
public sealed class SmartRecruitersSettings : PlatformSettings
{
    public const string DefaultBaseUrl = "https://api.smartrecruiters.com";

    /// <summary>The company identifier in <c>/v1/companies/{company}/postings</c> (<c>CityAndCountyOfSanFrancisco1</c>).</summary>
    public string Company { get; set; } = "";

    /// <summary>Postings per list request; the API's maximum is 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Fetch each new posting once for its description sections, public URL and compensation.</summary>
    public bool Details { get; set; } = true;

    /// <summary>Currency for a compensation that names none.</summary>
    public string Currency { get; set; } = "USD";

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        PathName("company", Company, "the identifier in api.smartrecruiters.com/v1/companies/<company>/postings"),
        Between("page_size", PageSize, 1, 100),
        CurrencyCode("currency", Currency),
    ];
}
