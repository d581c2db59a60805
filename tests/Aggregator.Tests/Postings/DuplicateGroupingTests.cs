using System.Net.Http.Json;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Sources.Adapters;
using Aggregator.Tests.Support;
using Dapper;

namespace Aggregator.Tests.Postings;

public sealed class DuplicateGroupingTests(PostgresFixture postgres)
{
    /// <summary>The USAJOBS fixture and a second definition that finds the same three announcements.</summary>
    async Task<TestHost> SourceAndMirrorAsync()
    {
        var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await host.Runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "v1"), CancellationToken.None);
        await host.Runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-usajobs-mirror.yml"), "v1"), CancellationToken.None);
        return host;
    }

    [Fact]
    public async Task TheSamePostingFoundByTwoSourcesIsGroupedAndLinked()
    {
        await using var host = await SourceAndMirrorAsync();

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
        await using var host = await SourceAndMirrorAsync();
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
    static Job CrossPost(string source, string lowGrade = "12", string highGrade = "13", DateTimeOffset? closing = null,
        Workplace workplace = Workplace.OnSite, decimal salary = 100_000, string region = "MD") =>
        new Normalizer(new RoleClassifier()).Normalize(
            new SourceDefinition { Id = source, Jurisdiction = new JurisdictionDefinition { Name = source, Level = "federal", Country = "US" } },
            new RawPosting
            {
                ExternalId = "IT-2026-" + lowGrade, Title = "IT Specialist (APPSW)", Url = $"https://{source}.example.test/jobs/IT-2026",
                Organization = "Department of Examples", PayPlan = "GS", LowGrade = lowGrade, HighGrade = highGrade, ClosingAt = closing ?? Closing,
                Workplace = workplace, Salary = new RawSalary(salary, salary + 20_000, SalaryPeriod.Year, "USD"),
                Locations = [new RawLocation("Baltimore", region, "US")],
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
    public async Task AnnouncementsThatDifferInWorkplaceSalaryOrPlaceAreNotGrouped()
    {
        await using var host = await JobsHost.StartAsync(postgres);

        await PostAsync(host, CrossPost("board-a"), CrossPost("board-b", workplace: Workplace.Remote), CrossPost("board-c", salary: 120_000),
            CrossPost("board-d", region: "VA"));

        Assert.Equal(4L, await host.ScalarAsync<long>("select count(distinct dedup_key) from jobs"));
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from jobs where dedup_group is not null"));
    }

    [Fact]
    public async Task TwoPostingsOfOneSourceOnOnePageAreTwoJobs()
    {
        await using var host = await JobsHost.StartAsync(postgres);
        await host.SourceAsync("city", "City of Examples");
        var page = "https://city.example.test/careers";

        await host.UpsertAsync("city", JobsHost.Job("city", "A-1", "Data Engineer") with { Url = page }, JobsHost.Job("city", "A-2", "Product Manager") with { Url = page });
        await host.Jobs.RegroupAsync("city", CancellationToken.None);

        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from jobs where dedup_group is not null"));
        Assert.Equal(2, (await host.JsonAsync("/api/jobs")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AFilterFindsTheMemberItMatchesWhenTheGroupsLowestDoesNot()
    {
        await using var host = await JobsHost.StartAsync(postgres);
        await PostAsync(host, CrossPost("board-a"), CrossPost("board-b"));
        var b = await host.Jobs.FindAsync("board-b", "IT-2026-12", CancellationToken.None);
        Assert.NotNull(b!.DedupGroup);

        var search = await host.JsonAsync("/api/jobs?source=board-b");
        var atom = System.Xml.Linq.XDocument.Parse(await host.Client.GetStringAsync("/feeds/jobs.atom?source=board-b"));

        Assert.Equal(b.Id, search.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetInt64());
        Assert.Single(atom.Root!.Elements(System.Xml.Linq.XName.Get("entry", "http://www.w3.org/2005/Atom")));
        Assert.Equal(1, (await host.JsonAsync("/api/jobs")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task EveryRemoteAndEveryOnSiteAnnouncementOfOneTitleIsFoundByItsFilter()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await host.Runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "remote-and-on-site"), CancellationToken.None);
        await using var web = await WebHost.StartAsync(host.Db);

        async Task<int> Total(string query) => (await web.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/jobs" + query)).GetProperty("total").GetInt32();

        Assert.Equal((4, 2, 2), (await Total(""), await Total("?remote=true"), await Total("?remote=false")));
    }

    [Fact]
    public async Task TwoJsonLdPostingsOnOneCareersPageAreBothListed()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("careers"), new() { ["Scraping:RespectRobotsTxt"] = "false" });
        var report = await host.Runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-careers.yml"), "one-page"), CancellationToken.None);
        await using var web = await WebHost.StartAsync(host.Db);

        var search = await web.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/jobs");

        Assert.Equal(2, report.New);
        Assert.Equal(["Data Engineer", "Product Manager"],
            search.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ASourceFilterFindsEveryPostingOfAMirroredSource()
    {
        await using var host = await SourceAndMirrorAsync();
        await using var web = await WebHost.StartAsync(host.Db);

        var mirror = await web.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/jobs?source=test-usajobs-mirror");

        Assert.Equal(3, mirror.GetProperty("total").GetInt32());
        Assert.All(mirror.GetProperty("items").EnumerateArray(), i => Assert.Equal("test-usajobs-mirror", i.GetProperty("sourceId").GetString()));
    }

    [Fact]
    public async Task ARegroupThatFailedAfterItsUpsertIsFinishedByTheNextRun()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await host.Runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "v1"), CancellationToken.None);
        // The crash between the two steps: the mirror's jobs are stored, then setting their group fails.
        await using var conn = await host.Db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            create function fail_regroup() returns trigger language plpgsql as $$ begin raise exception 'crashed before regrouping'; end $$;
            create trigger fail_regroup before update of dedup_group on jobs for each statement execute function fail_regroup();
            """);
        var mirror = host.Definition(Fixtures.Path("definitions", "test-usajobs-mirror.yml"), "v1");
        var crashed = await host.Runner.RunAsync(mirror, CancellationToken.None);
        Assert.Equal(ScrapeOutcome.Failed, crashed.Outcome);
        Assert.Equal(6L, await host.ScalarAsync<long>("select count(*) from jobs"));
        Assert.Contains("crashed before regrouping", crashed.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from jobs where dedup_group is not null"));
        await conn.ExecuteAsync("drop trigger fail_regroup on jobs");

        // The same answer again: nothing new or changed, and still the regroup owed is done.
        var next = await host.Runner.RunAsync(mirror, CancellationToken.None);

        Assert.Equal((ScrapeOutcome.Succeeded, 0, 0), (next.Outcome, next.New, next.Updated));
        Assert.Equal(6L, await host.ScalarAsync<long>("select count(*) from jobs where dedup_group is not null"));
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from jobs where needs_regroup"));
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
