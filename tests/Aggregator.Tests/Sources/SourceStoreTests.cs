using Aggregator.Sources;
using Aggregator.Sources.Adapters.Rss;
using Aggregator.Tests.Support;
using Dapper;

namespace Aggregator.Tests.Sources;

public sealed class SourceStoreTests(PostgresFixture postgres)
{
    static SourceDefinition Definition(string id, string name, string level, string country, string? region = null, string? parent = null) => new()
    {
        Id = id,
        Name = id,
        Jurisdiction = new JurisdictionDefinition { Name = name, Level = level, Country = country, Region = region, Parent = parent },
        Homepage = "https://example.test/",
        Owner = "tests",
        Access = "feed",
        Terms = "test",
        Platform = new PlatformBlock { Name = "rss", Settings = new RssSettings { Url = "https://example.test/feed.xml" } },
    };

    sealed record Row(string Name, string Level, string Country, string? Region, string? Parent);

    static async Task<Dictionary<string, Row>> JurisdictionsAsync(Npgsql.NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        var rows = await conn.QueryAsync<Row>("""
            select j.name, j.level, j.country, j.region, p.name as parent
            from jurisdictions j left join jurisdictions p on p.id = j.parent_id
            """);
        return rows.ToDictionary(r => $"{r.Country}/{r.Name}");
    }

    [Fact]
    public async Task AParentIsFoundByNameInTheSameCountryOrCreatedFromItsChild()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        var store = new SourceStore(db.DataSource);

        await store.SyncAsync(
        [
            Definition("us-federal-dhs", "United States Department of Homeland Security", "federal", "US", parent: "United States federal government"),
            Definition("us-federal-all", "United States federal government", "federal", "US"),
            Definition("ca-on-ops", "Ontario Public Service", "province", "CA", "CA-ON", parent: "Government of Ontario"),
            Definition("us-wa-watech", "Washington Technology Solutions", "state", "US", "US-WA", parent: "State of Washington"),
            Definition("us-wa-state", "State of Washington", "state", "US", "US-WA"),
        ], CancellationToken.None);

        var rows = await JurisdictionsAsync(db.DataSource);
        Assert.Equal(6, rows.Count);
        Assert.Equal("United States federal government", rows["US/United States Department of Homeland Security"].Parent);
        Assert.Null(rows["US/United States federal government"].Parent);
        Assert.Equal("State of Washington", rows["US/Washington Technology Solutions"].Parent);
        // Known only as a parent: created in the child's country, with its level and region.
        Assert.Equal(new Row("Government of Ontario", "province", "CA", "CA-ON", null), rows["CA/Government of Ontario"]);
        Assert.Equal("Government of Ontario", rows["CA/Ontario Public Service"].Parent);
    }

    [Fact]
    public async Task AParentInAnotherCountryIsADifferentJurisdictionAndADroppedParentIsCleared()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        var store = new SourceStore(db.DataSource);
        await store.SyncAsync([Definition("us-federal-all", "Federal government", "federal", "US")], CancellationToken.None);

        await store.SyncAsync([Definition("ca-federal-dept", "Shared Services Canada", "federal", "CA", parent: "Federal government")], CancellationToken.None);
        var rows = await JurisdictionsAsync(db.DataSource);
        Assert.Equal("Federal government", rows["CA/Shared Services Canada"].Parent);
        Assert.True(rows.ContainsKey("CA/Federal government"));
        Assert.Null(rows["US/Federal government"].Parent);

        await store.SyncAsync([Definition("ca-federal-dept", "Shared Services Canada", "federal", "CA")], CancellationToken.None);
        Assert.Null((await JurisdictionsAsync(db.DataSource))["CA/Shared Services Canada"].Parent);
    }
}
