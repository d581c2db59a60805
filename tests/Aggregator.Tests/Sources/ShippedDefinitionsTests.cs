using Aggregator.Sources;
using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Neogov;
using Quartz;

namespace Aggregator.Tests.Sources;

/// <summary>What the shipped <c>scrapers/</c> folder promises: its breadth, the seed jurisdictions on, and NEOGOV read as a feed.</summary>
public sealed class ShippedDefinitionsTests
{
    static readonly IReadOnlyList<SourceDefinition> Shipped = DefinitionLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "scrapers")).Definitions;

    static string FileText(SourceDefinition d) => File.ReadAllText(d.File);

    [Fact]
    public void AtLeastAHundredValidDefinitionsShipAndAtLeastSeventyAreEnabled()
    {
        Assert.True(Shipped.Count >= 100, $"{Shipped.Count} valid definitions ship");
        Assert.True(Shipped.Count(d => d.Enabled) >= 70, $"{Shipped.Count(d => d.Enabled)} enabled definitions ship");
    }

    [Fact]
    public void EveryEnabledDefinitionHasAKnownPlatformAndNoGuessedTenant()
    {
        Assert.All(Shipped.Where(d => d.Enabled), d =>
        {
            Assert.Contains(d.Platform.Name, AdapterRegistry.Platforms);
            // A slug, tenant or token nobody confirmed is marked "# unverified:"; such a definition ships off, with its reason.
            Assert.False(FileText(d).Contains("# unverified", StringComparison.Ordinal), $"{d.Id} is enabled with an unverified setting");
        });
    }

    [Theory]
    [InlineData("us-federal-usajobs-digital")]
    [InlineData("us-federal-dhs-digital")]
    [InlineData("us-md-baltimore-city")]
    [InlineData("us-pa-commonwealth-of-pennsylvania")]
    public void TheSeedJurisdictionsShipEnabled(string id) =>
        Assert.True(Shipped.Single(d => d.Id == id).Enabled, id);

    [Fact]
    public void TheOntarioPublicServiceShipsOffBecauseItsPageFormatIsNotCaptured()
    {
        var ops = Shipped.Single(d => d.Id == "ca-on-ontario-public-service");

        Assert.False(ops.Enabled);
        Assert.Contains("page format is not yet captured", ops.DisabledReason, StringComparison.Ordinal);
    }

    [Fact]
    public void NeogovDefinitionsReadTheFeedNoMoreOftenThanItsTtlAndPointAtThePolitenessSection()
    {
        var neogov = Shipped.Where(d => d.Platform.Name == "neogov").ToList();

        Assert.NotEmpty(neogov);
        Assert.All(neogov, d =>
        {
            Assert.Equal(("feed", false), (d.Access, ((NeogovSettings)d.Platform.Settings!).PageMode));
            Assert.EndsWith("README.md#politeness-and-terms.", d.Terms, StringComparison.Ordinal);
            var cron = new CronExpression(DefinitionLoader.EffectiveSchedule(d));
            var at = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 8; i++)
            {
                var next = cron.GetNextValidTimeAfter(at)!.Value;
                if (i > 0)
                    Assert.True(next - at >= TimeSpan.FromMinutes(360), $"{d.Id} fires {next - at} after its previous run; the feed's ttl is 360 minutes");
                at = next;
            }
        });
        Assert.Contains(neogov, d => d.Enabled);
    }
}
