namespace Aggregator.Sources.Adapters.Icims;

/// <summary><c>platform.icims</c>: one iCIMS classic career portal (<c>{host}.icims.com</c>), its search pages and job pages.</summary>
public sealed class IcimsSettings : PlatformSettings
{
    /// <summary>The portal's host (<c>careers-peelregion.icims.com</c>); not derivable from the employer's name.</summary>
    public string Host { get; set; } = "";

    /// <summary>Fetch each new posting's job page for its JSON-LD: description, organization, address.</summary>
    public bool Details { get; set; } = true;

    /// <summary>Formats of the posted date in the search rows (the <c>title</c> of its span). US portals print
    /// month first with a 12-hour clock; a day-first portal (<c>23/07/2026 08:17</c>) needs <c>d/M/yyyy HH:mm</c>.</summary>
    public List<string> DateFormats { get; set; } = ["M/d/yyyy h:mm tt", "M/d/yyyy H:mm", "M/d/yyyy"];

    /// <summary>Currency for JSON-LD salaries with a bare "$".</summary>
    public string Currency { get; set; } = "USD";

    public Uri Endpoint(string pathAndQuery) => Endpoint($"https://{Host}", pathAndQuery);

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        RequiredWithoutBaseUrl("host", Host, "the portal's host name (careers-peelregion.icims.com)")
            ?? (string.IsNullOrEmpty(Host) ? null : PathName("host", Host, "the portal's host name")),
        DateFormats.Count == 0 ? new SettingsError("date_formats", "date_formats needs at least one format") : null,
        CurrencyCode("currency", Currency),
    ];
}
