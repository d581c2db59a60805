using Aggregator.Scraping;
using Aggregator.Tests.Support;
using Dapper;

namespace Aggregator.Tests.Scraping;

public sealed class ScrapeOutcomeTests(PostgresFixture postgres)
{
    [Fact]
    public async Task TheDatabaseAcceptsExactlyTheOutcomesTheRunnerReports()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var definition = await conn.ExecuteScalarAsync<string>(
            "select pg_get_constraintdef(oid) from pg_constraint where conname = 'scrape_runs_outcome_check'");
        var allowed = System.Text.RegularExpressions.Regex.Matches(definition!, "'([a-z-]+)'").Select(m => m.Groups[1].Value).Order().ToList();

        Assert.Equal(Enum.GetValues<ScrapeOutcome>().Select(o => o.Name()).Order().ToList(), allowed);
    }

    [Fact]
    public void EveryOutcomeNameParsesBackToItself()
    {
        foreach (var outcome in Enum.GetValues<ScrapeOutcome>())
            Assert.Equal(outcome, ScrapeOutcomes.Parse(outcome.Name()));
        Assert.Throws<FormatException>(() => ScrapeOutcomes.Parse("done"));
    }
}
