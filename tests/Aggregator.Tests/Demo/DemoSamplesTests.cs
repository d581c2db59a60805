using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Demo;

/// <summary>The demo's bundled samples scrape through the real fetcher into a populated feed.</summary>
public sealed class DemoSamplesTests(PostgresFixture postgres)
{
    [Fact]
    public async Task EveryShippedSampleScrapesIntoOpenJobs()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "Demo", "samples");
        await using var host = await TestHost.StartAsync(postgres, samples);
        var folders = Directory.GetDirectories(samples).Select(Path.GetFileName).ToList();
        Assert.NotEmpty(folders);

        foreach (var id in folders)
        {
            var definition = host.Definition(Path.Combine(AppContext.BaseDirectory, "scrapers", id + ".yml"), id!);
            var report = await host.Runner.RunAsync(definition, CancellationToken.None);
            Assert.True(report.Outcome == ScrapeOutcome.Succeeded, report.ToString());
            Assert.True(report.New > 0, report.ToString());
        }
        Assert.True(await host.ScalarAsync<long>("select count(*) from jobs where is_digital and closed_at is null") >= 5);
    }

    [Fact]
    public async Task TheDemoShowsJobsFromEightPlatformsAndFromEveryLevelAndCountry()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "Demo", "samples");
        await using var host = await TestHost.StartAsync(postgres, samples);
        foreach (var id in Directory.GetDirectories(samples).Select(Path.GetFileName))
            await host.Runner.RunAsync(host.Definition(Path.Combine(AppContext.BaseDirectory, "scrapers", id + ".yml"), id!), CancellationToken.None);

        // What /api/sources serves.
        var withJobs = (await host.Services.GetRequiredService<SourceStore>().ListAsync(CancellationToken.None)).Where(s => s.OpenJobs > 0).ToList();

        var platforms = withJobs.Select(s => s.Platform).Distinct().ToList();
        Assert.True(platforms.Count >= 8, $"platforms with jobs: {string.Join(", ", platforms)}");
        Assert.Superset(new HashSet<string> { "federal", "state", "county", "city", "province" }, withJobs.Select(s => s.Level).ToHashSet());
        Assert.Superset(new HashSet<string> { "US", "CA", "GB" }, withJobs.Select(s => s.Country).ToHashSet());
    }

    [Fact]
    public async Task SourcesCheckOverTheDemoReplaysFindsEveryDemoSourceHealthy()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "Demo", "samples");
        await using var host = await TestHost.StartAsync(postgres, samples);
        var check = host.Services.GetRequiredService<SourceCheck>();

        foreach (var id in Directory.GetDirectories(samples).Select(Path.GetFileName))
        {
            var result = await check.CheckAsync(host.Definition(Path.Combine(AppContext.BaseDirectory, "scrapers", id + ".yml"), id!), CancellationToken.None);

            Assert.True(result.Healthy, $"{id}: {string.Join("; ", result.Problems)}");
            Assert.True(result.Items > 0, id);
        }
    }
}
