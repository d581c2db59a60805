using Aggregator.Cli;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Cli;

[Collection(ConsoleUsers.Name)]
public sealed class DryRunTests(PostgresFixture postgres)
{
    [Fact]
    public async Task DryRunPrintsWhatADefinitionExtractsFieldByFieldAndWritesNothing()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        var yaml = File.ReadAllText(Fixtures.Path("definitions", "test-usajobs.yml"))
            .Replace("  usajobs:\n", $"  usajobs:\n    base_url: {host.Replay.BaseUrlFor("v1")}\n", StringComparison.Ordinal);
        var file = Path.Combine(TestRun.Scratch("dry"), "test-usajobs.yml");
        File.WriteAllText(file, yaml);
        Environment.SetEnvironmentVariable("UsaJobs__ApiKey", "test-key");
        Environment.SetEnvironmentVariable("UsaJobs__Email", "tests@example.org");
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int code;
        try
        {
            code = await Verbs.Scrape(file, all: false, dryRun: true, CancellationToken.None);
        }
        finally
        {
            Console.SetOut(original);
        }

        var text = output.ToString();
        Assert.Equal(0, code);
        Assert.Contains("test-usajobs: 3 postings from 1 requests", text);
        Assert.Contains("title            IT Specialist (APPSW)", text);
        Assert.Contains("role             software-engineering", text);
        Assert.Contains("salary           USD 100,000 – USD 130,000 per year", text);
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from jobs"));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleUsers
{
    public const string Name = "Console";
}
