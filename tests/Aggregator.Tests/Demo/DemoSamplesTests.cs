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
}
