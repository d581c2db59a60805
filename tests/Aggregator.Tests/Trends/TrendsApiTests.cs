using System.Net;
using System.Text.Json;
using Aggregator.Tests.Support;
using Aggregator.Trends;
using CsvHelper;

namespace Aggregator.Tests.Trends;

/// <summary>Every figure here is worked out by hand from <see cref="SeededHistory.SeedFiveJobsAsync"/>.</summary>
public sealed class TrendsApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    JobsHost host = null!;
    const string Window = "from=2025-01-01&to=2025-04-30";

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        await host.SeedFiveJobsAsync();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    async Task<JsonElement> Trend(string query) => await host.JsonAsync($"/api/trends?{query}");

    static double?[] Values(JsonElement series) =>
        [.. series.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble())];

    static long[] N(JsonElement series) => [.. series.GetProperty("n").EnumerateArray().Select(v => v.GetInt64())];

    async Task<double?[]> Single(string query)
    {
        var result = await Trend(query);
        var series = Assert.Single(result.GetProperty("series").EnumerateArray());
        return Values(series);
    }

    [Fact]
    public async Task MonthlyCountsAreZeroFilledAndCountOpeningsNotPostings()
    {
        var result = await Trend($"metric=new&{Window}");

        Assert.Equal(["2025-01", "2025-02", "2025-03", "2025-04"], result.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("label").GetString()));
        Assert.All(result.GetProperty("periods").EnumerateArray(), p => Assert.True(p.GetProperty("complete").GetBoolean()));
        var series = Assert.Single(result.GetProperty("series").EnumerateArray());
        // J1, J2 and the J3/J4 group in January; J5 in April; February and March are zeros, not gaps.
        Assert.Equal([3, 0, 0, 1], Values(series));
        Assert.Equal("openings", result.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task ActivePostingsFollowClosingsAndReopenings()
    {
        // January: J1, J2, {J3,J4}. February: J1 (to the 15th), J2 (to the 10th). March: none (J2 closed until April 5). April: J2 again, J5.
        Assert.Equal([3, 2, 0, 2], await Single($"metric=active&{Window}"));
    }

    [Fact]
    public async Task ClosedCountsEachOpeningOnceInTheMonthItClosed()
    {
        // The J3/J4 group closed once in January (both its postings on the 31st); J2 and J1 in February.
        Assert.Equal([1, 2, 0, 0], await Single($"metric=closed&{Window}"));
    }

    [Fact]
    public async Task DaysOpenIsByPostingCohortAndCountsTheCensored()
    {
        var result = await Trend($"metric=days_open_p50&{Window}");
        var series = Assert.Single(result.GetProperty("series").EnumerateArray());
        // January's cohort: J1 open 36 days, the J3 group 6 days; J2 is open again (censored). April's J5 is still open.
        Assert.Equal([21, null, null, null], Values(series));
        Assert.Equal([2, 0, 0, 0], N(series));
        Assert.Equal([1, 0, 0, 1], series.GetProperty("open").EnumerateArray().Select(v => v.GetInt64()));

        // p90 interpolates between 6 and 36: 6 + 0.9 × 30.
        Assert.Equal([33, null, null, null], await Single($"metric=days_open_p90&{Window}"));
    }

    [Fact]
    public async Task SalaryPercentilesAreOfAnnualizedMidpointsInOneCurrency()
    {
        // January: J1's midpoint 110k and the J3 group's 90k (J2 states none); April: J5's 70k.
        Assert.Equal([100_000, null, null, 70_000], await Single($"metric=salary_p50&{Window}"));
        Assert.Equal([95_000, null, null, 70_000], await Single($"metric=salary_p25&{Window}"));
        Assert.Equal([105_000, null, null, 70_000], await Single($"metric=salary_p75&{Window}"));
        Assert.Equal([null, null, null, null], await Single($"metric=salary_p50&currency=CAD&{Window}"));
        Assert.Equal([0.6667, null, null, 1], await Single($"metric=salary_stated_share&{Window}"));
        var result = await Trend($"metric=salary_p50&{Window}");
        Assert.Equal("USD per year", result.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task WorkplaceSharesAreOfTheMonthsOpenings()
    {
        Assert.Equal([0.3333, null, null, 1], await Single($"metric=remote_share&{Window}"));
        Assert.Equal([0.3333, null, null, 0], await Single($"metric=hybrid_share&{Window}"));
    }

    [Fact]
    public async Task EarlyCloseRepostAndDuplicateRates()
    {
        // January's close (the J3 group) came on its closing date; of February's, J1 closed before its date and J2 had none.
        Assert.Equal([0, 1, null, null], await Single($"metric=early_close_rate&{Window}"));
        // January: four first sightings, none a repost. April: J5 (J1's key, J1 closed before) and J2's reopening are both reposts.
        Assert.Equal([0, null, null, 1], await Single($"metric=repost_rate&{Window}"));
        // January: four postings for three openings.
        Assert.Equal([1.3333, null, null, 1], await Single($"metric=duplicates_per_posting&{Window}"));
    }

    [Fact]
    public async Task WeeksAreIsoAndQuartersAndYearsAddUp()
    {
        var weeks = await Trend("metric=new&period=week&from=2025-01-06&to=2025-01-26");
        Assert.Equal(["2025-W02", "2025-W03", "2025-W04"], weeks.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("label").GetString()));
        // J1 on Friday of week 2; J2 and the J3 group (its first posting on Saturday the 25th) in week 4.
        Assert.Equal([1, 0, 2], Values(Assert.Single(weeks.GetProperty("series").EnumerateArray())));

        Assert.Equal([3, 1], await Single("metric=new&period=quarter&from=2025-01-01&to=2025-06-30"));
        Assert.Equal([4], await Single("metric=new&period=year&from=2025-01-01&to=2025-12-31"));

        // An ISO week belongs to the year of its Thursday: Monday 2024-12-30 starts 2025-W01.
        var spans = TrendRequest.Periods(TrendPeriod.Week, new DateOnly(2024, 12, 31), new DateOnly(2025, 1, 6));
        Assert.Equal(["2025-W01", "2025-W02"], spans.Select(s => s.Label));
        Assert.Equal(new DateOnly(2024, 12, 30), spans[0].Start);
    }

    [Fact]
    public async Task GroupingGivesOneSeriesPerValueWithStableIds()
    {
        var result = await Trend($"metric=new&group_by=jurisdiction&{Window}");
        var series = result.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["city-of-examples", "state-of-examples"], series.Select(s => s.GetProperty("group").GetString()));
        Assert.Equal(["City of Examples", "State of Examples"], series.Select(s => s.GetProperty("label").GetString()));
        // The J3/J4 group has a posting in each jurisdiction, and counts as an opening in each.
        Assert.Equal([3, 0, 0, 0], Values(series[0]));
        Assert.Equal([1, 0, 0, 1], Values(series[1]));

        // Another window, the same series: the same id (April to June has only the state's J5). Another filter: other ids.
        var later = Assert.Single((await Trend("metric=new&group_by=jurisdiction&from=2025-04-01&to=2025-06-30")).GetProperty("series").EnumerateArray());
        Assert.Equal("state-of-examples", later.GetProperty("group").GetString());
        Assert.Equal(series[1].GetProperty("id").GetString(), later.GetProperty("id").GetString());
        var filtered = await Trend($"metric=new&group_by=jurisdiction&role=software-engineering&{Window}");
        Assert.DoesNotContain(filtered.GetProperty("series")[0].GetProperty("id").GetString(), series.Select(s => s.GetProperty("id").GetString()));
        Assert.All(series, s => Assert.Matches("^t-[0-9a-f]{12}$", s.GetProperty("id").GetString()));
        // The search's default (digital jobs only) is part of what a series is.
        Assert.Equal("metric=new;period=month;digital=true|jurisdiction=city-of-examples", series[0].GetProperty("key").GetString());
    }

    [Theory]
    [InlineData("role", new[] { "data-engineering", "product-management", "software-engineering" })]
    [InlineData("region", new[] { "US-MD", "US-PA" })]
    [InlineData("source", new[] { "city", "state" })]
    public async Task EveryGroupingNamesItsValues(string groupBy, string[] groups)
    {
        var result = await Trend($"metric=new&group_by={groupBy}&{Window}");
        Assert.Equal(groups, result.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("group").GetString()));
    }

    [Fact]
    public async Task SearchFiltersSelectThePostings()
    {
        // J1 and the J3/J4 group are software engineering; J3 and J5 are in Pennsylvania.
        Assert.Equal([2, 0, 0, 0], await Single($"metric=new&role=software-engineering&{Window}"));
        Assert.Equal([1, 0, 0, 1], await Single($"metric=new&region=US-PA&{Window}"));
        Assert.Equal([0, 0, 0, 1], await Single($"metric=new&remote=remote&region=US-PA&{Window}"));
        // Open on April 10: J2 (reopened on the 5th) and J5.
        Assert.Equal([1, 0, 0, 1], await Single($"metric=new&open_on=2025-04-10&{Window}"));
    }

    [Fact]
    public async Task CsvIsTheSameSeriesOneRowPerPeriod()
    {
        var json = await Trend($"metric=new&group_by=jurisdiction&{Window}");
        using var response = await host.Client.GetAsync($"/api/trends?metric=new&group_by=jurisdiction&{Window}&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = new List<(string Id, string Period, string Value, string N)>();
        using (var csv = CsvReader.FromText(await response.Content.ReadAsStringAsync(), null))
        {
            while (csv.Read())
                rows.Add((csv.GetString("series_id"), csv.GetString("period_label"), csv.GetString("value"), csv.GetString("n")));
        }
        var expected = json.GetProperty("series").EnumerateArray().SelectMany(s => json.GetProperty("periods").EnumerateArray().Select((p, i) =>
            (s.GetProperty("id").GetString()!, p.GetProperty("label").GetString()!, Values(s)[i]!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), N(s)[i].ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(expected, rows);

        // Accept: text/csv chooses it too.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/trends?metric=new&{Window}");
        request.Headers.Accept.ParseAdd("text/csv");
        using var negotiated = await host.Client.SendAsync(request);
        Assert.Equal("text/csv", negotiated.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("", "metric")]
    [InlineData("metric=popularity", "metric")]
    [InlineData("metric=new&period=fortnight", "period")]
    [InlineData("metric=new&group_by=colour", "group_by")]
    [InlineData("metric=new&from=2025-05-01&to=2025-04-01", "from")]
    [InlineData("metric=new&from=2025-13-01", "from")]
    [InlineData("metric=new&period=week&from=2000-01-01&to=2025-01-01", "from")]
    [InlineData("metric=new&currency=USD", "currency")]
    [InlineData("metric=salary_p50&currency=dollars", "currency")]
    [InlineData("metric=new&format=xml", "format")]
    [InlineData("metric=new&role=astronaut", "role")]
    [InlineData("metric=new&level=galactic", "level")]
    [InlineData("metric=new&jurisdiction=atlantis", "jurisdiction")]
    [InlineData("metric=new&region=Maryland", "region")]
    [InlineData("metric=new&posted_within=30", "posted_within")]
    [InlineData("metric=new&limit=10", "limit")]
    [InlineData("metric=new&cursor=abc", "cursor")]
    [InlineData("metric=new&sort=salary", "sort")]
    [InlineData("metric=new&colour=red", "colour")]
    [InlineData("metric=new&open_on=2025-02-30", "open_on")]
    [InlineData("metric=new&metric=active", "metric")]
    public async Task BadParametersAre400sNamingTheParameter(string query, string parameter)
    {
        using var response = await host.Client.GetAsync($"/api/trends?{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(parameter, out _), text);
    }

    [Fact]
    public async Task TheReportIsBuiltInProcessAsOverHttp()
    {
        // The trends page calls the same service as the API.
        var service = host.Web.Services.GetRequiredService<TrendService>();
        var query = new Microsoft.AspNetCore.Http.QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["metric"] = "active", ["from"] = "2025-01-01", ["to"] = "2025-04-30",
        });
        var (result, errors) = await service.RunAsync(query, "https://example.test/api/trends", CancellationToken.None);
        Assert.Null(errors);
        Assert.Equal([3, 2, 0, 2], Assert.Single(result!.Series).Values);
    }

    [Fact]
    public async Task TheOpenApiDocumentListsTheTrendsParameters()
    {
        var doc = await host.JsonAsync("/openapi/v1.json");
        var parameters = doc.GetProperty("paths").GetProperty("/api/trends").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("metric", parameters);
        Assert.Contains("group_by", parameters);
        Assert.Contains("open_on", parameters);
        Assert.Contains("role", parameters);
        Assert.DoesNotContain("cursor", parameters);
        Assert.DoesNotContain("sort", parameters);
    }

    [Fact]
    public void TheDataDictionaryDefinesEveryMetric()
    {
        var text = File.ReadAllText(System.IO.Path.Combine(Repository.Root, "docs", "research-data.md"));
        Assert.All(TrendMetric.All, m => Assert.Contains($"| `{m.Slug}` | {m.Title} | {m.Unit} |", text, StringComparison.Ordinal));
    }
}
