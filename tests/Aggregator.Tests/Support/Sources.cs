using Aggregator.Sources;
using Aggregator.Sources.Adapters;

namespace Aggregator.Tests.Support;

/// <summary>Builds the context an adapter sees, without a definition file.</summary>
public static class TestSources
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    public static SourceContext Context(string platform, PlatformSettings settings, string zone = "America/New_York", DateTimeOffset? now = null,
        string country = "US", string? region = null) =>
        new(new SourceDefinition
        {
            Id = "test-" + platform,
            Name = "Test " + platform,
            Jurisdiction = new JurisdictionDefinition { Name = "Test", Level = "city", Country = country, Region = region },
            Homepage = "https://example.test/",
            Owner = "tests",
            Access = "api",
            Terms = "test",
            Platform = new PlatformBlock { Name = platform, Settings = settings },
        }, TimeZoneInfo.FindSystemTimeZoneById(zone), now ?? Now);

    public static FetchedContent Content(string url, byte[] body, string? mediaType = null, string? charset = null) =>
        new(new Uri(url), body, mediaType, charset);
}
