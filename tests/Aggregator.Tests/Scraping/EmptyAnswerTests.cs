using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Scraping;

/// <summary>A platform that answers a mistake with an empty success says so in the run and in source health.</summary>
public sealed class EmptyAnswerTests(PostgresFixture postgres) : IAsyncLifetime
{
    TestHost host = null!;

    public async ValueTask InitializeAsync() => host = await TestHost.StartAsync(postgres, Fixtures.Path("contract", "smartrecruiters"));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    SourceDefinition Definition(string folder) => host.Definition(Fixtures.Path("contract", "smartrecruiters", "contract-smartrecruiters.yml"), folder);

    [Fact]
    public async Task AnEmptySmartRecruitersAnswerIsSuspectAndBlamesTheCompanyId()
    {
        Assert.Equal(ScrapeOutcome.Succeeded, (await host.Runner.RunAsync(Definition("ok"), CancellationToken.None)).Outcome);

        var report = await host.Runner.RunAsync(Definition("empty"), CancellationToken.None);

        const string Expected = "the source returned zero postings: SmartRecruiters answered 200 with no postings for company 'CivicFixture1': "
            + "the company id is probably wrong, since an unknown id gets the same answer as an empty board; nothing was closed";
        Assert.Equal((ScrapeOutcome.Suspect, Expected), (report.Outcome, report.Error));
        Assert.Equal(3, await host.Jobs.CountOpenAsync("contract-smartrecruiters", CancellationToken.None));
        var run = (await host.Services.GetRequiredService<ScrapeRunStore>().RecentAsync("contract-smartrecruiters", 1, CancellationToken.None))[0];
        Assert.Equal((ScrapeOutcome.Suspect, 0, Expected), (run.Outcome, run.Closed, run.Error));
        var health = (await host.Services.GetRequiredService<SourceStore>().ListAsync(CancellationToken.None)).Single();
        Assert.Equal((1, Expected), (health.ConsecutiveFailures, health.LastError));
    }
}
