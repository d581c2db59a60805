namespace Aggregator.Sources.Adapters.Greenhouse;

public sealed class GreenhouseSettings : PlatformSettings
{
    public const string DefaultBaseUrl = "https://boards-api.greenhouse.io";

    /// <summary>The board token in <c>boards-api.greenhouse.io/v1/boards/{board}</c> (<c>navapbc</c>, <c>codeforamerica</c>).</summary>
    public string Board { get; set; } = "";

    /// <summary>Fetch each new posting once more with <c>?pay_transparency=true</c> for its pay ranges.</summary>
    public bool PayRanges { get; set; }

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
        [PathName("board", Board, "the token in boards-api.greenhouse.io/v1/boards/<board>")];
}
