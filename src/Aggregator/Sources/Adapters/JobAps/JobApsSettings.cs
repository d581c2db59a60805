namespace Aggregator.Sources.Adapters.JobAps;

/// <summary>
/// <c>platform.jobaps</c>: one JobAps client (a civil-service merit system) on jobapscloud.com: its list of open
/// recruitments and each new recruitment's bulletin.
/// </summary>
public sealed class JobApsSettings : PlatformSettings
{
    public const string DefaultBaseUrl = "https://www.jobapscloud.com";

    /// <summary>The client's folder in <c>jobapscloud.com/{client}/</c> (<c>CT</c>, <c>MD</c>, <c>MGM</c>).</summary>
    public string Client { get; set; } = "";
    /// <summary>List tables to leave out, by words in the heading above them (matched ignoring case). By default
    /// the recruitments open only to employees ("Open Only to Statewide Employees"), whom the public cannot apply as.</summary>
    public List<string> SkipSections { get; set; } = ["Open Only to"];
    /// <summary>Currency for salary text with a bare "$".</summary>
    public string Currency { get; set; } = "USD";
    /// <summary>Read each new recruitment's bulletin (description, hiring agency, opening date, class code).</summary>
    public bool Details { get; set; } = true;

    /// <summary>The list of open recruitments (the client's <c>default.asp</c>); a path in <c>base_url</c> is kept as a prefix.</summary>
    public Uri List() => Endpoint(DefaultBaseUrl, $"{Client}/");

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        PathName("client", Client, "the folder in jobapscloud.com/<client>/ (CT, MD)"),
        SkipSections.Any(string.IsNullOrWhiteSpace) ? new SettingsError("skip_sections", "skip_sections has a blank entry, which would skip every section") : null,
        CurrencyCode("currency", Currency),
    ];
}
