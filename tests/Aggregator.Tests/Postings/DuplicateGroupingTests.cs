using System.Net.Http.Json;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Postings;

public sealed class DuplicateGroupingTests(PostgresFixture postgres)
{
    [Fact]
    public async Task TheSamePostingFoundByTwoSourcesIsGroupedAndLinked()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await host.Runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "v1"), CancellationToken.None);
        await host.Runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-usajobs-mirror.yml"), "v1"), CancellationToken.None);

        Assert.Equal(6L, await host.ScalarAsync<long>("select count(*) from jobs"));
        Assert.Equal(3L, await host.ScalarAsync<long>("select count(distinct dedup_group) from jobs"));
        var first = await host.Jobs.FindAsync("test-usajobs", "900001", CancellationToken.None);
        var mirror = await host.Jobs.FindAsync("test-usajobs-mirror", "900001", CancellationToken.None);
        Assert.Equal(first!.Id, first.DedupGroup);
        Assert.Equal(first.Id, mirror!.DedupGroup);
        var also = Assert.Single(await host.Jobs.AlsoPostedAtAsync(first.Id, CancellationToken.None));
        Assert.Equal(("test-usajobs-mirror", mirror.Id), (also.SourceId, also.Id));
    }

    [Fact]
    public async Task FeedsAndSearchShowAGroupOnceAndTheJobLinksItsOtherPostings()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await host.Runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "v1"), CancellationToken.None);
        await host.Runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-usajobs-mirror.yml"), "v1"), CancellationToken.None);
        await using var web = await WebHost.StartAsync(host.Db);

        var search = await web.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/jobs");
        var atom = System.Xml.Linq.XDocument.Parse(await web.Client.GetStringAsync("/feeds/jobs.atom"));

        Assert.Equal(3, search.GetProperty("total").GetInt32());
        Assert.Equal(3, atom.Root!.Elements(System.Xml.Linq.XName.Get("entry", "http://www.w3.org/2005/Atom")).Count());
        var first = await host.Jobs.FindAsync("test-usajobs", "900001", CancellationToken.None);
        var detail = await web.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/jobs/{first!.Id}");
        var also = Assert.Single(detail.GetProperty("alsoPostedAt").EnumerateArray());
        Assert.Equal("test-usajobs-mirror", also.GetProperty("sourceId").GetString());
    }

    [Fact]
    public async Task DifferentJobsAreNotGrouped()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));

        await host.Runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "twelve"), CancellationToken.None);

        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from jobs where dedup_group is not null"));
    }
}
