using System.Net;
using System.Text.Json;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Search;

public sealed class SearchApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    JobsHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        await host.SourceAsync("us-md-baltimore", "Baltimore City", region: "US-MD");
        await host.SourceAsync("us-pa-state", "Commonwealth of Pennsylvania", region: "US-PA", level: "state");
        await host.UpsertAsync("us-md-baltimore",
            JobsHost.Job("us-md-baltimore", "B-1", "Python Developer", postedDaysAgo: 1) with { DescriptionText = "Work on permits.", OpenToPublic = true },
            JobsHost.Job("us-md-baltimore", "B-2", "Data Engineer", postedDaysAgo: 2, role: "data-engineering") with
            {
                DescriptionText = "Pipelines in Python and SQL.", Workplace = "hybrid", SalaryAnnualMax = 150_000,
                ClosingAt = JobsHost.Now.AddDays(3), OpenToPublic = false,
            },
            JobsHost.Job("us-md-baltimore", "B-3", "Product Manager", postedDaysAgo: 3, role: "product-management") with
            {
                Workplace = "remote", Seniority = "senior", SalaryAnnualMax = null, SalaryAnnualMin = null, SalaryMin = null, SalaryMax = null,
                ClosingAt = null, ClosingKind = "continuous",
            },
            JobsHost.Job("us-md-baltimore", "B-4", "Bridge Inspector", postedDaysAgo: 4, role: "not-digital") with { DescriptionText = "Python snakes welcome." });
        await host.UpsertAsync("us-pa-state",
            JobsHost.Job("us-pa-state", "P-1", "Software Engineer", postedDaysAgo: 5) with
            {
                Region = "US-PA", LocationDisplay = "Harrisburg, PA", Seniority = "senior", SalaryAnnualMax = 90_000, ClosingAt = JobsHost.Now.AddDays(1),
            });
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    static string[] Ids(JsonElement result) =>
        [.. result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("feedItemId").GetString()!.Split('/')[^1])];

    [Fact]
    public async Task FullTextSearchRanksTitleMatchesBeforeDescriptionMatches()
    {
        var result = await host.JsonAsync("/api/jobs?q=python");

        Assert.Equal("full-text", result.GetProperty("match").GetString());
        Assert.Equal(["B-1", "B-2"], Ids(result));
        Assert.Equal(2, result.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task OpenToPublicLeavesOutOnlyWhatTheSourceSaysIsNotOpenToThePublic()
    {
        var all = Ids(await host.JsonAsync("/api/jobs?sort=posted"));
        var open = await host.JsonAsync("/api/jobs?open_to_public=true&sort=posted");
        var closedToPublic = await host.JsonAsync("/api/jobs?open_to_public=false");
        using var bad = await host.Client.GetAsync("/api/jobs?open_to_public=maybe");

        // B-2's source said employees only; B-1's said anyone; the others said nothing and stay.
        Assert.Equal(all.Where(id => id != "B-2"), Ids(open));
        Assert.Contains("B-1", Ids(open));
        Assert.Contains("P-1", Ids(open));
        Assert.Equal(["B-2"], Ids(closedToPublic));
        var items = open.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("feedItemId").GetString()!.Split('/')[^1]);
        Assert.True(items["B-1"].GetProperty("openToPublic").GetBoolean());
        Assert.Equal(JsonValueKind.Null, items["P-1"].GetProperty("openToPublic").ValueKind);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("open_to_public", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATypoFallsBackToTitleSimilarity()
    {
        var result = await host.JsonAsync("/api/jobs?q=sofware%20enginer");

        Assert.Equal("trigram", result.GetProperty("match").GetString());
        Assert.Equal("P-1", Ids(result)[0]);
    }

    [Fact]
    public async Task FacetsCountTheFilteredSet()
    {
        var all = await host.JsonAsync("/api/jobs");
        Assert.Equal(4, all.GetProperty("total").GetInt32());
        var facets = all.GetProperty("facets");
        int Count(string facet, string? value) => facets.GetProperty(facet).EnumerateArray()
            .Single(f => f.GetProperty("value").ValueKind == JsonValueKind.Null ? value is null : f.GetProperty("value").GetString() == value).GetProperty("count").GetInt32();
        Assert.Equal(2, Count("role", "software-engineering"));
        Assert.Equal(1, Count("role", "data-engineering"));
        Assert.Equal(3, Count("region", "US-MD"));
        Assert.Equal(1, Count("workplace", "remote"));
        Assert.Equal(2, Count("level", "senior"));

        var filtered = (await host.JsonAsync("/api/jobs?region=US-MD")).GetProperty("facets");
        Assert.Equal(3, filtered.GetProperty("total").GetInt32());
        Assert.DoesNotContain(filtered.GetProperty("region").EnumerateArray(), f => f.GetProperty("value").GetString() == "US-PA");
    }

    [Theory]
    [InlineData("level=senior", new[] { "B-3", "P-1" })]
    [InlineData("family=engineering", new[] { "B-1", "P-1" })]
    [InlineData("family=data", new[] { "B-2" })]
    [InlineData("remote=hybrid&remote=remote", new[] { "B-2", "B-3" })]
    [InlineData("country=US&region=US-PA", new[] { "P-1" })]
    [InlineData("salary_min=140000", new[] { "B-2" })]
    [InlineData("closing_within=2", new[] { "P-1" })]
    [InlineData("jurisdiction=commonwealth-of-pennsylvania", new[] { "P-1" })]
    [InlineData("role=not-digital", new[] { "B-4" })]
    [InlineData("q=python&digital=any", new[] { "B-1", "B-2", "B-4" })]
    public async Task EveryFilterNarrowsTheSearch(string filter, string[] expected)
    {
        Assert.Equal(expected, Ids(await host.JsonAsync("/api/jobs?" + filter)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EachSortOrdersByItsKey()
    {
        Assert.Equal(["B-1", "B-2", "B-3", "P-1"], Ids(await host.JsonAsync("/api/jobs?sort=posted")));
        Assert.Equal(["P-1", "B-2", "B-1", "B-3"], Ids(await host.JsonAsync("/api/jobs?sort=closing")));
        Assert.Equal(["B-2", "B-1", "P-1", "B-3"], Ids(await host.JsonAsync("/api/jobs?sort=salary")));
    }

    [Theory]
    [InlineData("posted")]
    [InlineData("closing")]
    [InlineData("salary")]
    public async Task CursorPagesStayStableWhileJobsAreInserted(string sort)
    {
        var first = await host.JsonAsync($"/api/jobs?sort={sort}&limit=2");
        var expected = Ids(await host.JsonAsync($"/api/jobs?sort={sort}&limit=100"));
        var cursor = first.GetProperty("nextCursor").GetString()!;

        await host.UpsertAsync("us-md-baltimore",
            JobsHost.Job("us-md-baltimore", "NEW-1", "Newest Engineer", postedDaysAgo: 0) with { SalaryAnnualMax = 500_000, ClosingAt = JobsHost.Now.AddHours(1) },
            JobsHost.Job("us-md-baltimore", "NEW-2", "Middle Engineer", postedDaysAgo: 2) with { SalaryAnnualMax = 100_000 });

        var seen = Ids(first).ToList();
        while (cursor is not null)
        {
            var page = await host.JsonAsync($"/api/jobs?sort={sort}&limit=2&cursor={cursor}");
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        var original = seen.Where(id => !id.StartsWith("NEW", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected, original);
        Assert.DoesNotContain("NEW-1", seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task RelevancePagesFollowRankWithoutDuplicates()
    {
        var first = await host.JsonAsync("/api/jobs?q=python&limit=1");
        var second = await host.JsonAsync($"/api/jobs?q=python&limit=1&cursor={first.GetProperty("nextCursor").GetString()}");
        Assert.Equal(["B-1"], Ids(first));
        Assert.Equal(["B-2"], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task ATamperedOrReusedCursorIsA400()
    {
        var cursor = (await host.JsonAsync("/api/jobs?limit=1")).GetProperty("nextCursor").GetString()!;
        var flipped = (cursor[^2] == 'A' ? "B" : "A");
        foreach (var path in new[]
                 {
                     $"/api/jobs?limit=1&cursor={cursor[..^2]}{flipped}{cursor[^1]}",
                     "/api/jobs?limit=1&cursor=%%%",
                     "/api/jobs?limit=1&cursor=eyJ4IjoxfQ",
                     $"/api/jobs?limit=1&region=US-MD&cursor={cursor}",
                     $"/api/jobs?limit=1&sort=salary&cursor={cursor}",
                 })
        {
            using var response = await host.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("cursor", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var ok = await host.Client.GetAsync($"/api/jobs?limit=5&cursor={cursor}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Theory]
    [InlineData("/api/jobs?limit=101", "limit")]
    [InlineData("/api/jobs?sort=random", "sort")]
    [InlineData("/api/jobs?sort=relevance", "sort")]
    [InlineData("/api/jobs?page=2", "page")]
    [InlineData("/api/jobs?q=a&q=b", "q")]
    public async Task LimitsAndUnknownParametersAreA400ProblemNamingTheParameter(string path, string parameter)
    {
        using var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task AQueryLongerThan200CharactersIsA400()
    {
        using var response = await host.Client.GetAsync("/api/jobs?q=" + new string('a', 201));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("200 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var fits = await host.Client.GetAsync("/api/jobs?q=" + new string('a', 200));
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    [Fact]
    public async Task JobByIdHasItsDetailsAndChangeHistoryInCamelCaseWithUtcTimes()
    {
        await host.UpsertAsync("us-md-baltimore", JobsHost.Job("us-md-baltimore", "B-1", "Python Developer", postedDaysAgo: 1) with
        {
            DescriptionText = "Work on permits.", SalaryMax = 125_000, OpenToPublic = true,
        });
        var id = await host.ScalarAsync<long>("select id from jobs where external_id = 'B-1'");

        using var response = await host.Client.GetAsync($"/api/jobs/{id}");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(id, job.GetProperty("id").GetInt64());
        Assert.Equal("Python Developer", job.GetProperty("title").GetString());
        Assert.Equal("https://jobs.example.test/us-md-baltimore/B-1", job.GetProperty("url").GetString());
        Assert.Equal(125_000m, job.GetProperty("salary").GetProperty("max").GetDecimal());
        Assert.EndsWith("Z", job.GetProperty("postedAt").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", job.GetProperty("updatedAt").GetString(), StringComparison.Ordinal);
        var changes = job.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(["created", "updated"], changes.Select(c => c.GetProperty("kind").GetString()));
        var change = changes[1];
        Assert.Equal("salary_max", change.GetProperty("field").GetString());
        Assert.Equal("120000.00", change.GetProperty("oldValue").GetString());
        Assert.Equal("125000.00", change.GetProperty("newValue").GetString());
        Assert.EndsWith("Z", change.GetProperty("changedAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingJobIsA404Problem()
    {
        using var response = await host.Client.GetAsync("/api/jobs/987654321");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ADuplicateGroupShowsOnceUntilItsFirstJobCloses()
    {
        var ids = (await host.ScalarAsync<long[]>("select array_agg(id order by id) from jobs where external_id in ('B-1', 'P-1')"));
        await host.ExecuteAsync("update jobs set dedup_group = @group where id = any(@ids)", new { group = ids[0], ids });

        Assert.Equal(["B-1", "B-2", "B-3"], Ids(await host.JsonAsync("/api/jobs")));
        Assert.Equal(3, (await host.JsonAsync("/feeds/jobs.json")).GetProperty("items").GetArrayLength());

        await host.ExecuteAsync("update jobs set closed_at = now() where id = @id", new { id = ids[0] });
        Assert.Equal(["B-2", "B-3", "P-1"], Ids(await host.JsonAsync("/api/jobs")));
    }

    [Fact]
    public async Task JurisdictionsAndSourcesAreListedWithSlugsAndHealth()
    {
        await host.ExecuteAsync("""
            update sources set last_run_at = now(), consecutive_failures = 3, last_error = 'HTTP 503 from the careers site' where id = 'us-pa-state';
            update sources set last_run_at = now(), last_success_at = now() where id = 'us-md-baltimore';
            """);
        var jurisdictions = (await host.JsonAsync("/api/jurisdictions")).EnumerateArray().ToList();
        var pennsylvania = jurisdictions.Single(j => j.GetProperty("slug").GetString() == "commonwealth-of-pennsylvania");
        Assert.Equal("state", pennsylvania.GetProperty("level").GetString());
        Assert.Equal("US-PA", pennsylvania.GetProperty("region").GetString());
        Assert.Equal(1, pennsylvania.GetProperty("openJobs").GetInt32());
        Assert.Equal("/feeds/jurisdictions/commonwealth-of-pennsylvania.atom", pennsylvania.GetProperty("feed").GetString());

        var sources = (await host.JsonAsync("/api/sources")).EnumerateArray().ToList();
        var broken = sources.Single(s => s.GetProperty("id").GetString() == "us-pa-state");
        Assert.Equal(3, broken.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal("HTTP 503 from the careers site", broken.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, broken.GetProperty("lastSuccessAt").ValueKind);
        var healthy = sources.Single(s => s.GetProperty("id").GetString() == "us-md-baltimore");
        Assert.EndsWith("Z", healthy.GetProperty("lastSuccessAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, healthy.GetProperty("openJobs").GetInt32());
    }
}
