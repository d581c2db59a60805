using Aggregator.Database;
using Aggregator.Demo;
using Aggregator.Tests.Support;
using Dapper;

namespace Aggregator.Tests.Cli;

/// <summary>Each verb end to end: the built binary as a process, in a working directory of its own, never the internet.</summary>
public sealed class VerbsTests(PostgresFixture postgres)
{
    readonly string workingDirectory = TestRun.Scratch("cli");

    string Scrapers(params string[] fixtureDefinitions)
    {
        var scrapers = Directory.CreateDirectory(Path.Combine(workingDirectory, "scrapers")).FullName;
        foreach (var name in fixtureDefinitions)
            File.Copy(Fixtures.Path("definitions", name), Path.Combine(scrapers, name));
        return scrapers;
    }

    [Fact]
    public void SourcesListsTheDefinitionsInTheWorkingDirectoryAndExitsZero()
    {
        var scrapers = Scrapers("test-usajobs.yml", "test-usajobs-paged.yml");

        var (code, output, error) = AggregatorCli.Run("sources", workingDirectory);

        Assert.True(code == 0, output + error);
        Assert.Equal(
        [
            "id                                           platform        enabled      schedule           jurisdiction",
            "test-usajobs-paged                           usajobs         yes          0 11 4/6 * * ?     Test federal government (federal, US)",
            "test-usajobs                                 usajobs         yes          0 43 3/6 * * ?     Test federal government (federal, US)",
            $"2 valid (2 enabled), 0 refused, in {scrapers}",
        ], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", error);
    }

    [Fact]
    public void SourcesShowsWhatTheDeploymentSwitchedOnAndOffAndByWhichEntry()
    {
        var scrapers = Scrapers("test-usajobs.yml", "test-usajobs-paged.yml");
        File.WriteAllText(Path.Combine(scrapers, "test-usajobs.yml"), File.ReadAllText(Path.Combine(scrapers, "test-usajobs.yml"))
            .Replace("access:", "enabled: false\ndisabled_reason: off in the file\naccess:", StringComparison.Ordinal));

        var (code, output, error) = AggregatorCli.Run("sources", workingDirectory, new Dictionary<string, string?>
        {
            ["Sources__Enable"] = "test-usajobs",
            ["Sources__Disable"] = "test-*-paged",
        });

        Assert.True(code == 0, output + error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("test-usajobs-paged                           usajobs         no*  ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("test-usajobs                                 usajobs         yes* ", lines[2], StringComparison.Ordinal);
        Assert.Contains("* test-usajobs-paged: switched off by Sources:Disable 'test-*-paged'", lines);
        Assert.Contains("* test-usajobs: switched on by Sources:Enable 'test-usajobs'", lines);
        Assert.Equal($"2 valid (1 enabled), 0 refused, in {scrapers}", lines[^1]);
    }

    [Theory]
    [InlineData("Sources__Disable", "us-md-nowhere", "Sources:Disable (environment variable Sources__Disable): 'us-md-nowhere' names no valid definition")]
    [InlineData("Sources__Enable", "Test_USAJOBS", "Sources:Enable (environment variable Sources__Enable): 'Test_USAJOBS' is not a source id or pattern")]
    public void AnEnableOrDisableEntryThatNamesNothingStopsTheProcessWithTheKey(string variable, string value, string expected)
    {
        Scrapers("test-usajobs.yml");

        var (code, output, error) = AggregatorCli.Run("sources", workingDirectory, new Dictionary<string, string?> { [variable] = value });

        Assert.True(code == 78, output + error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void SourcesExitsOneAndNamesTheRefusedFileAndWhy()
    {
        var scrapers = Scrapers("test-usajobs.yml");
        File.WriteAllText(Path.Combine(scrapers, "us-md-broken.yml"), "id: us-md-broken\nbogus: 1\n");

        var (code, output, error) = AggregatorCli.Run("sources", workingDirectory);

        Assert.True(code == 1, output + error);
        Assert.EndsWith($"1 valid (1 enabled), 1 refused, in {scrapers}\n", output, StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(scrapers, "us-md-broken.yml") + ":2: ", error, StringComparison.Ordinal);
        Assert.Contains("bogus", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourcesCheckReportsEachEnabledSourceAsJsonAndExitsOneWhenAnyIsUnhealthy()
    {
        await using var replay = await ReplayServer.StartAsync(Fixtures.Path("check"), CancellationToken.None);
        var scrapers = Scrapers();
        foreach (var (id, folder) in new[] { ("us-ca-check-ok", "ok"), ("us-ca-check-empty", "empty") })
            File.WriteAllText(Path.Combine(scrapers, id + ".yml"), File.ReadAllText(Fixtures.Path("contract", "smartrecruiters", "contract-smartrecruiters.yml"))
                .Replace("id: contract-smartrecruiters", "id: " + id, StringComparison.Ordinal)
                .Replace("  smartrecruiters:\n", $"  smartrecruiters:\n    base_url: {replay.BaseUrlFor(folder)}\n", StringComparison.Ordinal));
        var settings = new Dictionary<string, string?> { ["Scraping__HostDelay"] = "00:00:00", ["Scraping__RetryAttempts"] = "1" };

        var (code, output, error) = AggregatorCli.Run("sources check --json", workingDirectory, settings);

        Assert.True(code == 1, output + error);
        using var report = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal((2, 1), (report.RootElement.GetProperty("checkedSources").GetInt32(), report.RootElement.GetProperty("healthy").GetInt32()));
        var sources = report.RootElement.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.True(sources["us-ca-check-ok"].GetProperty("healthy").GetBoolean());
        Assert.Equal(3, sources["us-ca-check-ok"].GetProperty("announcedTotal").GetInt32());
        Assert.Equal("zero-items", sources["us-ca-check-empty"].GetProperty("problems")[0].GetProperty("kind").GetString());

        var (okCode, table, _) = AggregatorCli.Run("sources check us-ca-check-o*", workingDirectory, settings);
        Assert.True(okCode == 0, table);
        Assert.Contains("1 checked, 1 healthy, 0 unhealthy", table, StringComparison.Ordinal);
        Assert.Contains("Senior Data Engineer", table, StringComparison.Ordinal);

        var (unknownCode, _, unknown) = AggregatorCli.Run("sources check us-md-nowhere", workingDirectory, settings);
        Assert.Equal(2, unknownCode);
        Assert.Contains("'us-md-nowhere'", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrapeDryRunPrintsWhatADefinitionExtractsOverLoopbackAndWritesNothing()
    {
        await using var replay = await ReplayServer.StartAsync(Fixtures.Path("usajobs"), CancellationToken.None);
        await using var db = await postgres.CreateDatabaseAsync();
        var definition = Path.Combine(workingDirectory, "test-usajobs.yml");
        File.WriteAllText(definition, File.ReadAllText(Fixtures.Path("definitions", "test-usajobs.yml"))
            .Replace("  usajobs:\n", $"  usajobs:\n    base_url: {replay.BaseUrlFor("v1")}\n", StringComparison.Ordinal));

        var (code, output, error) = AggregatorCli.Run($"scrape --dry-run {definition}", workingDirectory, new Dictionary<string, string?>
        {
            ["UsaJobs__ApiKey"] = "test-key",
            ["UsaJobs__Email"] = "tests@example.org",
            ["Scraping__HostDelay"] = "00:00:00",
            // A database the dry run is given and must leave alone.
            ["ConnectionStrings__Aggregator"] = db.ConnectionString,
        });

        Assert.True(code == 0, output + error);
        Assert.Contains("test-usajobs: 3 postings from 1 requests", output, StringComparison.Ordinal);
        Assert.Contains("title            IT Specialist (APPSW)", output, StringComparison.Ordinal);
        Assert.Contains("role             software-engineering", output, StringComparison.Ordinal);
        Assert.Contains("salary           USD 100,000 – USD 130,000 per year", output, StringComparison.Ordinal);
        Assert.Equal(["GET /v1/api/Search?JobCategoryCode=2210&Fields=Full&ResultsPerPage=500&Page=1"], replay.Requests);
        Assert.Equal(0L, await db.ScalarAsync<long>("select (select count(*) from jobs) + (select count(*) from sources) + (select count(*) from scrape_runs)"));
    }

    [Fact]
    public void ClassifyReadsTitlesOnStandardInputAndWritesOneTsvRowForEach()
    {
        var (code, output, error) = AggregatorCli.Run("classify", workingDirectory, stdin: "Senior Software Engineer\nCivil Engineer\nIT Specialist (INFOSEC)\n");

        Assert.True(code == 0, output + error);
        Assert.Equal(
            "title\tcategory\tis_digital\tfamily\n" +
            "Senior Software Engineer\tsoftware-engineering\ttrue\tengineering\n" +
            "Civil Engineer\tnot-digital\tfalse\t\n" +
            "IT Specialist (INFOSEC)\tcybersecurity\ttrue\tsecurity\n",
            output);
    }

    [Fact]
    public async Task MigrateBringsTheConfiguredEmptyDatabaseToTheLatestMigration()
    {
        await using var db = await postgres.CreateDatabaseAsync(migrated: false);
        var shipped = typeof(Migrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("migrations/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        var (code, output, error) = AggregatorCli.Run("migrate", workingDirectory,
            new Dictionary<string, string?> { ["ConnectionStrings__Aggregator"] = db.ConnectionString });

        Assert.True(code == 0, output + error);
        // The log line comes from the console logger's own thread, so the two lines may come in either order.
        Assert.Contains($"Applied migrations: {string.Join(", ", shipped)}", output, StringComparison.Ordinal);
        Assert.Contains("Database is at the latest migration (configured server).", output.Split('\n'));
        await using var conn = db.DataSource.CreateConnection();
        Assert.Equal(shipped, (await conn.QueryAsync<string>("select scriptname from schemaversions order by schemaversionsid")).AsList());
        Assert.False(Directory.Exists(Path.Combine(workingDirectory, "embedded")));
    }

    [Fact]
    public async Task ReclassifyRelabelsAStoredJobWhoseLabelAnOlderClassifierGave()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await using (var conn = db.DataSource.CreateConnection())
        {
            var jurisdiction = await conn.ExecuteScalarAsync<long>("insert into jurisdictions (name, level, country) values ('Example', 'city', 'US') returning id");
            await conn.ExecuteAsync("""
                insert into sources (id, jurisdiction_id, name, platform, schedule, homepage, owner, access, terms)
                values ('us-md-example', @jurisdiction, 'Example', 'rss', '0 0 * * * ?', 'https://example.test/', 'tests', 'feed', 'test');
                insert into jobs (source_id, external_id, url, title, role_category, role_family, is_digital, content_hash, first_seen_at, last_seen_at, updated_at)
                values ('us-md-example', 'A-1', 'https://example.test/a-1', 'Vulnerability Management Analyst', 'not-digital', '', false, 'stale', now(), now(), now());
                """, new { jurisdiction });
        }

        var (code, output, error) = AggregatorCli.Run("classify --reclassify", workingDirectory,
            new Dictionary<string, string?> { ["ConnectionStrings__Aggregator"] = db.ConnectionString });

        Assert.True(code == 0, output + error);
        Assert.Equal("cybersecurity", await db.ScalarAsync<string>("select role_category from jobs where external_id = 'A-1'"));
        Assert.Equal("not-digital", await db.ScalarAsync<string>("select old_value from job_changes where field = 'role_category'"));
    }
}
