namespace Aggregator.Sources.Adapters.Taleo;

/// <summary>
/// <c>platform.taleo</c>: one Taleo Business Edition career section,
/// <c>https://{host}/{partition}/ats/careers/v2/searchResults?org={org}&amp;cws={cws}</c>.
/// </summary>
public sealed class TaleoSettings : PlatformSettings
{
    /// <summary>What each unlabeled value under a result's title can be; the order is the tenant's.</summary>
    public static readonly string[] ColumnNames = ["location", "department", "employment_type", "category", "skip"];

    /// <summary>The pod host (<c>phh.tbe.taleo.net</c>).</summary>
    public string Host { get; set; } = "";
    /// <summary>The path segment before <c>/ats/</c> (<c>phh04</c>).</summary>
    public string Partition { get; set; } = "";
    /// <summary>The company code in <c>org=</c> (<c>NFINDY</c>).</summary>
    public string Org { get; set; } = "";
    /// <summary>The career web site number in <c>cws=</c>.</summary>
    public int Cws { get; set; }
    /// <summary>The unlabeled values under each result's title, in the tenant's order (default: the location alone).</summary>
    public List<string> Columns { get; set; } = ["location"];
    /// <summary>Fetch each new requisition's page for its JSON-LD: description, organization, address, posted date.</summary>
    public bool Details { get; set; } = true;
    /// <summary>Currency for JSON-LD salaries with a bare "$".</summary>
    public string Currency { get; set; } = "USD";

    public Uri Endpoint(string pathAndQuery) => Endpoint($"https://{Host}", $"/{Partition}/ats/careers/v2/{pathAndQuery}");

    public string Section => $"org={Uri.EscapeDataString(Org)}&cws={Cws}";

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        RequiredWithoutBaseUrl("host", Host, "the pod host in the career site's address (phh.tbe.taleo.net)")
            ?? (string.IsNullOrEmpty(Host) ? null : PathName("host", Host, "the pod host")),
        PathName("partition", Partition, "the path segment before /ats/ (phh04)"),
        PathName("org", Org, "the org= code of the career site's address"),
        Cws < 1 ? new SettingsError("cws", $"cws must be the cws= number of the career site's address; got {Cws}") : null,
        Columns.Count == 0 ? new SettingsError("columns", "columns needs at least one name") : null,
        .. Columns.Select(c => OneOf("columns", c, ColumnNames)),
        CurrencyCode("currency", Currency),
    ];
}
