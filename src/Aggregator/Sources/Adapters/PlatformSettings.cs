namespace Aggregator.Sources.Adapters;

/// <summary>Base of every <c>platform.&lt;key&gt;</c> block. Every platform's base URL can be overridden,
/// so a definition can point at a mirror or at a local test server.</summary>
public abstract class PlatformSettings
{
    public string? BaseUrl { get; set; }

    /// <summary>Problems with the block, each with the YAML key it concerns (null: the block itself).</summary>
    public virtual IEnumerable<SettingsError> Validate() => [];

    public Uri BaseUri(string fallback) => new(string.IsNullOrWhiteSpace(BaseUrl) ? fallback : BaseUrl);
}

public sealed record SettingsError(string? Key, string Message);
