using System.Security.Cryptography;
using System.Text.Json;
using Aggregator.Sources;
using Aggregator.Sources.Adapters;

namespace Aggregator.Scraping;

/// <summary>
/// A posting as its source sent it (the adapter's reading), hashed together with everything else that decides what
/// the normalizer stores for it: this build of the service (its classifier, sanitizer and rules) and the definition's
/// jurisdiction, id, time zone and organization context. Equal hashes mean normalizing again would store the same job, so an unchanged
/// re-scrape only touches what it saw; a new release or an edited definition changes every hash once.
/// </summary>
public static class SourceHash
{
    static readonly string Build = typeof(SourceHash).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public static string Seed(SourceDefinition definition) =>
        JsonSerializer.Serialize(new { Build, definition.Id, definition.Jurisdiction, definition.Timezone, definition.Context });

    public static string Of(string seed, RawPosting posting)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(posting);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(seed));
        hash.AppendData(bytes);
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }
}
