using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters.Greenhouse;

public sealed partial class GreenhouseSettings : PlatformSettings
{
    public const string DefaultBaseUrl = "https://boards-api.greenhouse.io";

    /// <summary>The board token in <c>boards-api.greenhouse.io/v1/boards/{board}</c> (<c>navapbc</c>, <c>codeforamerica</c>).</summary>
    public string Board { get; set; } = "";

    /// <summary>Fetch each new posting once more with <c>?pay_transparency=true</c> for its pay ranges.</summary>
    public bool PayRanges { get; set; }

    public override IEnumerable<SettingsError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Board))
            yield return new SettingsError("board", "board is required: the token in boards-api.greenhouse.io/v1/boards/<board>");
        else if (!Token().IsMatch(Board))
            yield return new SettingsError("board", $"board '{Board}' is not a board token (letters, digits, '-', '_')");
        if (!string.IsNullOrWhiteSpace(BaseUrl) && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
            yield return new SettingsError("base_url", $"base_url '{BaseUrl}' is not an absolute URL");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Token();
}
