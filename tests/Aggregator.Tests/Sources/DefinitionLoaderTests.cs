using Aggregator.Sources;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources;

public sealed class DefinitionLoaderTests
{
    static string Shipped => Path.Combine(AppContext.BaseDirectory, "scrapers");

    const string Valid = """
        id: us-md-test
        name: Test source
        jurisdiction:
          name: Test City
          level: city
          country: US
          region: US-MD
        homepage: https://example.gov/
        owner: someone
        access: api
        terms: fine
        platform:
          usajobs:
            queries:
              - Keyword: software
        """;

    static IReadOnlyList<DefinitionError> Errors(string yaml, string file = "us-md-test.yml") =>
        DefinitionLoader.Parse(yaml, "/defs/" + file).Errors;

    [Fact]
    public void EveryShippedDefinitionLoadsWithTheProductionLoader()
    {
        var set = DefinitionLoader.LoadDirectory(Shipped);

        Assert.Empty(set.Errors);
        Assert.Equal(Directory.GetFiles(Shipped, "*.yml").Length, set.Definitions.Count);
        Assert.Contains(set.Definitions, d => d.Id == "us-federal-usajobs-digital");
        Assert.Contains(set.Definitions, d => d.Id == "us-federal-dhs-digital");
        Assert.All(set.Definitions, d => Assert.True(d.Enabled || !string.IsNullOrWhiteSpace(d.DisabledReason), d.Id));
    }

    [Fact]
    public void AReasonSharedBySeveralDefinitionsIsOneShortLineThatPointsToWhereItIsExplained()
    {
        var shared = DefinitionLoader.LoadDirectory(Shipped).Definitions
            .Where(d => d.DisabledReason is not null)
            .GroupBy(d => d.DisabledReason!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToList();

        Assert.All(shared, g => Assert.True(g.Key.Length <= 120 && !g.Key.Contains('\n', StringComparison.Ordinal),
            $"{g.Count()} definitions repeat a {g.Key.Length}-character reason; say it once in a README and point there: {g.Key}"));
    }

    [Fact]
    public void AValidDefinitionHasNoErrors() => Assert.Empty(Errors(Valid));

    [Fact]
    public void AnUnknownKeyIsRefusedWithItsLine()
    {
        var error = Assert.Single(Errors(Valid.Replace("owner: someone", "owner: someone\nownr: typo", StringComparison.Ordinal)));

        Assert.Equal(("/defs/us-md-test.yml", 10), (error.File, error.Line));
        Assert.StartsWith("unknown key 'ownr' in the definition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownKeyInsideThePlatformBlockIsRefusedWithItsLine()
    {
        var error = Assert.Single(Errors(Valid.Replace("    queries:", "    querys: []\n    queries:", StringComparison.Ordinal)));

        Assert.Equal(14, error.Line);
        Assert.StartsWith("unknown key 'querys' in the usajobs platform block", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFieldIsRefusedNamingIt()
    {
        var error = Assert.Single(Errors(Valid.Replace("homepage: https://example.gov/\n", "", StringComparison.Ordinal)));

        Assert.Contains("homepage is required", error.Message);
    }

    [Fact]
    public void ABadCronIsRefusedWithItsLine()
    {
        var error = Assert.Single(Errors(Valid.Replace("access: api", "access: api\nschedule: \"every day\"", StringComparison.Ordinal)));

        Assert.Equal(11, error.Line);
        Assert.Contains("cron", error.Message);
    }

    [Fact]
    public void AnUnknownContextIsRefusedWithItsLine()
    {
        var error = Assert.Single(Errors(Valid.Replace("access: api", "access: api\ncontext: startup", StringComparison.Ordinal)));

        Assert.Equal(("/defs/us-md-test.yml", 11), (error.File, error.Line));
        Assert.Contains("context must be one of digital-service, civic-tech, general", error.Message, StringComparison.Ordinal);
        Assert.Contains("got 'startup'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeclaredContextIsRead()
    {
        var (definition, errors) = DefinitionLoader.Parse(Valid.Replace("access: api", "access: api\ncontext: civic-tech", StringComparison.Ordinal), "/defs/us-md-test.yml");

        Assert.Empty(errors);
        Assert.Equal(OrganizationContext.CivicTech, definition!.Context);
        Assert.Null(DefinitionLoader.Parse(Valid, "/defs/us-md-test.yml").Definition!.Context);
    }

    [Fact]
    public void AnIdThatIsNotTheFileNameIsRefused()
    {
        var error = Assert.Single(Errors(Valid, "us-md-other.yml"));

        Assert.Equal(1, error.Line);
        Assert.Contains("must equal the file name 'us-md-other'", error.Message);
    }

    [Fact]
    public void AnUnknownPlatformIsRefusedListingTheKnownOnes()
    {
        var error = Assert.Single(Errors(Valid.Replace("  usajobs:", "  monster:", StringComparison.Ordinal)));

        Assert.Equal(13, error.Line);
        Assert.Contains("unknown platform 'monster'", error.Message);
        Assert.Contains("usajobs", error.Message);
    }

    [Fact]
    public void PlatformSettingsAreValidatedWithTheirLine()
    {
        var errors = Errors(Valid.Replace("    queries:\n      - Keyword: software", "    queries: []\n    results_per_page: 900", StringComparison.Ordinal));

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Line == 14 && e.Message.Contains("at least one query", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 15 && e.Message.Contains("results_per_page", StringComparison.Ordinal));
    }

    [Fact]
    public void BrokenYamlIsRefusedWithItsLine()
    {
        var error = Assert.Single(Errors(Valid.Replace("name: Test source", "name: [unclosed", StringComparison.Ordinal)));

        Assert.InRange(error.Line, 2, 4);
    }

    [Fact]
    public void ADisabledDefinitionMustSayWhy()
    {
        var error = Assert.Single(Errors(Valid + "\nenabled: false\n"));

        Assert.Contains("disabled_reason", error.Message);
    }

    [Fact]
    public void ABadFileDoesNotStopTheOthersFromLoading()
    {
        var dir = TestRun.Scratch("defs");
        File.WriteAllText(Path.Combine(dir, "us-md-test.yml"), Valid);
        File.WriteAllText(Path.Combine(dir, "us-md-bad.yml"), "id: us-md-bad\nbogus: 1\n");

        var set = DefinitionLoader.LoadDirectory(dir);

        Assert.Single(set.Definitions);
        var error = Assert.Single(set.Errors);
        Assert.EndsWith("us-md-bad.yml", error.File, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void SourcesWithoutAScheduleAreSpreadOverTheHour()
    {
        var a = DefinitionLoader.EffectiveSchedule(new SourceDefinition { Id = "us-md-a" });
        var b = DefinitionLoader.EffectiveSchedule(new SourceDefinition { Id = "us-md-b" });

        Assert.NotEqual(a, b);
        Assert.Equal(a, DefinitionLoader.EffectiveSchedule(new SourceDefinition { Id = "us-md-a" }));
        Assert.Empty(Errors(Valid.Replace("access: api", $"access: api\nschedule: \"{a}\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void ABaseUrlThatIsNotHttpIsReportedOnceOnItsLine()
    {
        var error = Assert.Single(Errors(Valid.Replace("    queries:", "    base_url: ftp://mirror.example.gov/\n    queries:", StringComparison.Ordinal)));

        Assert.Equal(14, error.Line);
        Assert.StartsWith("platform.usajobs.base_url: base_url 'ftp://mirror.example.gov/' is not an absolute http(s) URL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10", false)]
    [InlineData("2147483648", false)]
    [InlineData("104857600", true)]
    public void AResponseCapIsBetweenAKilobyteAndAGigabyte(string bytes, bool valid)
    {
        var errors = Errors(Valid.Replace("terms: fine", $"terms: fine\nmax_response_bytes: {bytes}", StringComparison.Ordinal));

        Assert.Equal(valid, !errors.Any(e => e.Message.StartsWith("max_response_bytes must be between", StringComparison.Ordinal)));
        Assert.Equal(valid, errors.Count == 0);
    }

    [Theory]
    [InlineData("id: us-md-test", "id: US_MD_Test", "US_MD_Test.yml", "kebab-case")]
    [InlineData("country: US", "country: USA", "us-md-test.yml", "ISO 3166-1")]
    [InlineData("region: US-MD", "region: VA-MD", "us-md-test.yml", "ISO 3166-2")]
    public void IdsAndPlaceCodesMustHaveTheirShape(string line, string replacement, string file, string expected)
    {
        var errors = Errors(Valid.Replace(line, replacement, StringComparison.Ordinal), file);

        Assert.Contains(errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }
}
