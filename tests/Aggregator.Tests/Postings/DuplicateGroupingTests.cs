using System.Net.Http.Json;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Sources;
using Aggregator.Sources.Adapters;
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

    static readonly DateTimeOffset Closing = new(2026, 12, 16, 4, 59, 59, TimeSpan.Zero);

    /// <summary>The same announcement as a source of its own would post it: another URL, normalized as a scrape would.</summary>
    static Job CrossPost(string source, string lowGrade = "12", string highGrade = "13", DateTimeOffset? closing = null) =>
        new Normalizer(new RoleClassifier()).Normalize(
            new SourceDefinition { Id = source, Jurisdiction = new JurisdictionDefinition { Name = source, Level = "federal", Country = "US" } },
            new RawPosting
            {
                ExternalId = "IT-2026-" + lowGrade, Title = "IT Specialist (APPSW)", Url = $"https://{source}.example.test/jobs/IT-2026",
                Organization = "Department of Examples", PayPlan = "GS", LowGrade = lowGrade, HighGrade = highGrade, ClosingAt = closing ?? Closing,
            },
            JobsHost.Now);

    static async Task PostAsync(JobsHost host, params Job[] jobs)
    {
        foreach (var job in jobs)
        {
            await host.SourceAsync(job.SourceId, job.SourceId, level: "federal");
            await host.UpsertAsync(job.SourceId, job);
            await host.Jobs.RegroupAsync(job.SourceId, CancellationToken.None);
        }
    }

    [Fact]
    public async Task TwoSourcesPostingTheSameTitleOrganizationGradesAndClosingDayFormOneGroup()
    {
        await using var host = await JobsHost.StartAsync(postgres);

        // Same closing day, another hour: boards round closing times differently.
        await PostAsync(host, CrossPost("board-a"), CrossPost("board-b", closing: Closing.AddHours(12)));

        var a = await host.Jobs.FindAsync("board-a", "IT-2026-12", CancellationToken.None);
        var b = await host.Jobs.FindAsync("board-b", "IT-2026-12", CancellationToken.None);
        Assert.Equal((a!.Id, a.Id), (a.DedupGroup, b!.DedupGroup));
        Assert.Equal([("board-b", b.Id)], (await host.Jobs.AlsoPostedAtAsync(a.Id, CancellationToken.None)).Select(p => (p.SourceId, p.Id)));
    }

    [Fact]
    public async Task TheSameTitleWithOtherGradesOrAnotherClosingDayIsNotGrouped()
    {
        await using var host = await JobsHost.StartAsync(postgres);

        await PostAsync(host, CrossPost("board-a"), CrossPost("board-b", lowGrade: "13"), CrossPost("board-c", closing: Closing.AddDays(1)));

        Assert.Equal(3L, await host.ScalarAsync<long>("select count(*) from jobs"));
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from jobs where dedup_group is not null"));
    }

    [Fact]
    public async Task PostingsWithoutAWebAddressShareNoGroupButACrossPostWithoutOneStillJoinsItsGroup()
    {
        await using var host = await JobsHost.StartAsync(postgres);
        // A javascript: link is stored as no link at all: the empty url of these two must not make them one job.
        var noLink = CrossPost("board-a") with { Url = "" };
        var other = CrossPost("board-a", lowGrade: "14", highGrade: "14") with { Url = "" };
        await PostAsync(host, noLink);
        await host.UpsertAsync("board-a", other);
        await host.Jobs.RegroupAsync("board-a", CancellationToken.None);
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from jobs where dedup_group is not null"));

        await PostAsync(host, CrossPost("board-b"));

        var a = await host.Jobs.FindAsync("board-a", "IT-2026-12", CancellationToken.None);
        var b = await host.Jobs.FindAsync("board-b", "IT-2026-12", CancellationToken.None);
        Assert.Equal((a!.Id, a.Id), (a.DedupGroup, b!.DedupGroup));
        Assert.Null((await host.Jobs.FindAsync("board-a", "IT-2026-14", CancellationToken.None))!.DedupGroup);
    }
}
