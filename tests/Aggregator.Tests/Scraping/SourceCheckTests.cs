using Aggregator.Composition;
using Aggregator.Demo;
using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Aggregator.Tests.Scraping;

/// <summary><c>sources check</c> over loopback: the first page of a source, and each kind of fault it names.</summary>
public sealed class SourceCheckTests : IAsyncLifetime
{
    ReplayServer replay = null!;
    ServiceProvider services = null!;

    public async ValueTask InitializeAsync()
    {
        replay = await ReplayServer.StartAsync(Fixtures.Path("check"), CancellationToken.None);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scraping:HostDelay"] = "00:00:00",
            ["Scraping:RetryDelay"] = "00:00:00.050",
            ["Scraping:RetryAttempts"] = "1",
            ["Scraping:AttemptTimeout"] = "00:00:02",
            ["Scraping:TotalTimeout"] = "00:00:05",
        }).Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddScraping()
            .BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await replay.DisposeAsync();
    }

    async Task<SourceCheckResult> Check(string folder, string access = "api", string? baseUrl = null)
    {
        var (definition, errors) = DefinitionLoader.LoadFile(Fixtures.Path("contract", "smartrecruiters", "contract-smartrecruiters.yml"));
        Assert.Empty(errors);
        definition!.Access = access;
        definition.Platform.Settings!.BaseUrl = baseUrl ?? replay.BaseUrlFor(folder);
        return await services.GetRequiredService<SourceCheck>().CheckAsync(definition, CancellationToken.None);
    }

    [Fact]
    public async Task AHealthySourceReportsItsFirstPageTheTotalItAnnouncesAndItsFirstTitles()
    {
        var result = await Check("ok");

        Assert.True(result.Healthy, string.Join("; ", result.Problems));
        Assert.Equal((200, 2, 3), (result.HttpStatus, result.Items, result.AnnouncedTotal));
        Assert.Equal("Senior Data Engineer", result.FirstTitles[0]);
        Assert.True(result.RobotsAllowed);
        // Only the first page: no second page, no detail.
        Assert.Equal(["GET /robots.txt", "GET /ok/v1/companies/CivicFixture1/postings"], replay.Requests.Select(r => r.Split('?')[0]).ToArray());
    }

    [Fact]
    public async Task ZeroItemsAreUnhealthyAndSayWhatTheEmptyAnswerProbablyMeans()
    {
        var result = await Check("empty");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(CheckProblem.ZeroItems, problem.Kind);
        Assert.Contains("the company id is probably wrong", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.Items);
    }

    [Fact]
    public async Task AnHtmlPageWhereTheApiShouldAnswerJsonIsNamedAsSuch()
    {
        var result = await Check("html");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(CheckProblem.HtmlInsteadOfData, problem.Kind);
        Assert.Contains("answered an HTML page (text/html)", problem.Message, StringComparison.Ordinal);
        Assert.Null(result.Items);
    }

    [Fact]
    public async Task AnHttpErrorIsReportedWithItsStatus()
    {
        var result = await Check("error");

        Assert.Equal((CheckProblem.HttpError, 503), (Assert.Single(result.Problems).Kind, result.HttpStatus));
    }

    [Fact]
    public async Task ACrawledSourceThatRobotsTxtDisallowsIsNotFetched()
    {
        var result = await Check("private", access: "page");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(CheckProblem.RobotsDisallow, problem.Kind);
        Assert.False(result.RobotsAllowed);
        Assert.DoesNotContain(replay.Requests, r => r.StartsWith("GET /private/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnApiOnAPathRobotsTxtDisallowsIsStillReadAndTheReportSaysSo()
    {
        var result = await Check("private", access: "api");

        Assert.True(result.Healthy, string.Join("; ", result.Problems));
        Assert.False(result.RobotsAllowed);
    }

    [Fact]
    public async Task HostileTitlesAreInertInTheReportAndItsTable()
    {
        var root = TestRun.Scratch("check-hostile");
        var folders = new List<(string Folder, string Name)>();
        foreach (var (c, i) in HostileText.Cases.Select((c, i) => (c, i)))
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, $"case{i}")).FullName;
            File.WriteAllText(Path.Combine(folder, "page.json"), System.Text.Json.JsonSerializer.Serialize(new
            {
                offset = 0, limit = 2, totalFound = 1,
                content = new[] { new { id = "1", name = c.Text, company = new { identifier = "CivicFixture1", name = c.Text }, releasedDate = "2026-11-20T17:00:00.000Z" } },
            }));
            File.WriteAllText(Path.Combine(folder, "replay.yml"),
                "base_url: \"{replay}/\"\nroutes:\n  - path: \"/v1/companies/CivicFixture1/postings\"\n    file: page.json\n    content_type: application/json\n");
            folders.Add(($"case{i}", c.Name));
        }
        await using var hostile = await ReplayServer.StartAsync(root, CancellationToken.None);

        foreach (var (folder, name) in folders)
        {
            var result = await Check(folder, baseUrl: hostile.BaseUrlFor(folder));
            var table = new StringWriter();
            Aggregator.Cli.SourceCheckTable.Write([result], table);

            Assert.True(result.Items == 1, $"{name}: {string.Join("; ", result.Problems)}");
            SafeOutput.AssertPlain(result.FirstTitles[0], $"{name} title");
            SafeOutput.AssertPlain(table.ToString(), $"{name} table", lines: true);
        }
    }

    [Fact]
    public async Task ASourceWhoseCredentialsThisDeploymentLacksIsNotConfiguredAndFetchesNothing()
    {
        var (definition, errors) = DefinitionLoader.LoadFile(Fixtures.Path("definitions", "test-usajobs.yml"));
        Assert.Empty(errors);

        var result = await services.GetRequiredService<SourceCheck>().CheckAsync(definition!, CancellationToken.None);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(CheckProblem.NotConfigured, problem.Kind);
        Assert.Contains("UsaJobs:ApiKey", problem.Message, StringComparison.Ordinal);
        Assert.Empty(replay.Requests);
    }

    [Fact]
    public async Task AHostThatDoesNotAnswerIsUnreachable()
    {
        var result = await Check("ok", baseUrl: "http://127.0.0.1:1/");

        Assert.Equal(CheckProblem.Unreachable, Assert.Single(result.Problems).Kind);
        Assert.Null(result.HttpStatus);
    }
}
