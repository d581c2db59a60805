using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Aggregator.Tests.Support;
using CsvHelper;

namespace Aggregator.Tests.Web;

/// <summary>
/// /trends over real HTTP on <see cref="SeededHistory.SeedFiveJobsAsync"/>: the charts are SVG drawn on the server, each
/// names the series /api/trends gives for the same parameters and links to exactly that CSV, the numbers are in a table
/// too, and a parameter the API refuses is a 400 page that names it.
/// </summary>
public sealed class TrendsPageTests(PostgresFixture postgres) : IAsyncLifetime
{
    JobsHost host = null!;
    static readonly HtmlParser parser = new();
    const string Window = "from=2025-01-01&to=2025-04-30";

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        await host.SeedFiveJobsAsync();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    async Task<(HttpResponseMessage Response, IDocument Page)> GetAsync(string path)
    {
        var response = await host.Client.GetAsync(path);
        return (response, parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    static List<string> Ids(IElement figure) => [.. figure.QuerySelectorAll("ul.legend code.series-id").Select(c => c.TextContent)];

    async Task<List<string>> ApiIdsAsync(string query)
    {
        var result = await host.JsonAsync($"/api/trends?{query}");
        return [.. result.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
    }

    [Fact]
    public async Task TheDefaultChartIsNewPostingsAsColumnsWithTheApisSeriesIdAndItsValues()
    {
        var (response, page) = await GetAsync($"/trends?{Window}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var main = page.QuerySelector("figure[aria-labelledby='chart-main-caption']")!;
        var svg = main.QuerySelector("svg")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("chart-main-title chart-main-desc", svg.GetAttribute("aria-labelledby"));
        Assert.Equal("New postings by month", svg.QuerySelector("title")!.TextContent);
        Assert.Contains("from 2025-01 to 2025-04", svg.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
        // One column per month; J1, J2 and the J3/J4 group in January, J5 in April.
        var columns = svg.QuerySelectorAll("rect.column");
        Assert.Equal(["2025-01: 3", "2025-02: 0", "2025-03: 0", "2025-04: 1"], columns.Select(c => c.QuerySelector("title")!.TextContent));
        Assert.True(double.Parse(columns[0].GetAttribute("height")!, CultureInfo.InvariantCulture) > double.Parse(columns[3].GetAttribute("height")!, CultureInfo.InvariantCulture));
        Assert.Equal(await ApiIdsAsync($"metric=new&{Window}"), Ids(main));
        var rows = main.QuerySelectorAll("table.trend tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal([["2025-01", "3"], ["2025-02", "0"], ["2025-03", "0"], ["2025-04", "1"]], rows);
    }

    [Fact]
    public async Task AChartByRoleHasALinePerRoleWithTheApisIdsAndItsCsvIsThatChart()
    {
        const string query = $"metric=active&group_by=role&{Window}";
        var (_, page) = await GetAsync($"/trends?{query}");
        var main = page.QuerySelector("figure[aria-labelledby='chart-main-caption']")!;

        Assert.Equal("Active postings by month and role", main.QuerySelector("svg title")!.TextContent);
        Assert.Equal(3, main.QuerySelectorAll("svg path.line").Length);
        var apiIds = await ApiIdsAsync(query);
        Assert.Equal(3, apiIds.Count);
        Assert.Equal(apiIds, Ids(main));
        Assert.Equal(["Period", "Data engineering & databases", "Product management", "Software engineering"],
            main.QuerySelectorAll("table.trend thead th").Select(th => th.TextContent.Trim()));

        var csvUrl = main.QuerySelector("a.csv-link")!.GetAttribute("href")!;
        Assert.StartsWith($"{host.Web.Address}api/trends?", csvUrl, StringComparison.Ordinal);
        using var csvResponse = await host.Client.GetAsync(csvUrl);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var csvIds = new List<string>();
        var values = new Dictionary<(string, string), string>();
        using (var csv = CsvReader.FromText(await csvResponse.Content.ReadAsStringAsync(), null))
        {
            while (csv.Read())
            {
                csvIds.Add(csv.GetString("series_id"));
                values[(csv.GetString("group"), csv.GetString("period_label"))] = csv.GetString("value");
            }
        }
        Assert.Equal(apiIds, csvIds.Distinct());
        // The table reads what the CSV says: software engineering is active in January (J1, the J3 group) and February (J1).
        var software = main.QuerySelectorAll("table.trend tbody tr").Select(r => r.QuerySelectorAll("td")[2].TextContent.Trim()).ToList();
        Assert.Equal(["2", "1", "0", "0"], software);
        Assert.Equal(software, new[] { "2025-01", "2025-02", "2025-03", "2025-04" }.Select(p => values[("software-engineering", p)]));
    }

    [Fact]
    public async Task ByJurisdictionTheLegendNamesEachJurisdiction()
    {
        const string query = $"metric=new&group_by=jurisdiction&{Window}";
        var (_, page) = await GetAsync($"/trends?{query}");
        var main = page.QuerySelector("figure[aria-labelledby='chart-main-caption']")!;

        Assert.Equal(["City of Examples", "State of Examples"], main.QuerySelectorAll("ul.legend .series-label").Select(l => l.TextContent));
        Assert.Equal(await ApiIdsAsync(query), Ids(main));
    }

    [Fact]
    public async Task TheSalaryBandsAreTheThreePercentilesWithTheirIdsAndCsv()
    {
        var (_, page) = await GetAsync($"/trends?{Window}&group_by=role");
        var bands = page.QuerySelector("figure[aria-labelledby='chart-salary-caption']")!;

        Assert.Equal("img", bands.QuerySelector("svg")!.GetAttribute("role"));
        Assert.False(string.IsNullOrEmpty(bands.QuerySelector("svg path.band")!.GetAttribute("d")));
        var expected = new List<string>();
        foreach (var metric in new[] { "salary_p25", "salary_p50", "salary_p75" })
            expected.AddRange(await ApiIdsAsync($"metric={metric}&{Window}"));
        Assert.Equal(expected, Ids(bands));
        // January: 95k, 100k, 105k (J1's 110k and the J3 group's 90k); nothing stated in February and March.
        var rows = bands.QuerySelectorAll("table.trend tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["95,000", "100,000", "105,000"], rows[0]);
        Assert.Equal(["–", "–", "–"], rows[1]);
        var links = bands.QuerySelectorAll("a.csv-link").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(3, links.Count);
        var median = await host.Client.GetStringAsync(links[1]);
        Assert.Contains(expected[1], median, StringComparison.Ordinal);
        Assert.Contains("salary_p50", median, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFormIsAPlainGetThatKeepsItsFieldsAndEmptyFieldsAreIgnored()
    {
        var (response, page) = await GetAsync($"/trends?metric=closed&period=quarter&group_by=&q=&role=software-engineering&currency=&{Window}&remote=remote");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = page.QuerySelector("form.trends")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal($"{host.Web.Address}trends", form.GetAttribute("action"));
        Assert.True(form.QuerySelector("#metric option[value=closed]")!.HasAttribute("selected"));
        Assert.True(form.QuerySelector("#period option[value=quarter]")!.HasAttribute("selected"));
        Assert.Equal("software-engineering", form.QuerySelector("#role")!.GetAttribute("value"));
        Assert.Equal("remote", form.QuerySelector("input[type=hidden][name=remote]")!.GetAttribute("value"));
        Assert.Equal(await ApiIdsAsync($"metric=closed&period=quarter&role=software-engineering&remote=remote&{Window}"),
            Ids(page.QuerySelector("figure[aria-labelledby='chart-main-caption']")!));
        Assert.Equal("page", page.QuerySelector("nav a[href$='/trends']")!.GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("metric=popularity", "metric")]
    [InlineData("period=fortnight", "period")]
    [InlineData("group_by=colour", "group_by")]
    [InlineData("from=yesterday", "from")]
    [InlineData("colour=blue", "colour")]
    [InlineData("currency=dollars", "currency")]
    public async Task ABadParameterIsA400PageThatNamesIt(string query, string parameter)
    {
        var (response, page) = await GetAsync($"/trends?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var errors = page.QuerySelectorAll("ul.errors li").Select(li => li.TextContent).ToList();
        Assert.Contains(errors, e => e.StartsWith($"{parameter}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSearchPagesNavigationLinksToTrendsWithAStrictPolicy()
    {
        var (_, search) = await GetAsync("/jobs");
        Assert.Equal($"{host.Web.Address}trends", search.QuerySelector("nav[aria-label=Site] a[href$='/trends']")!.GetAttribute("href"));

        var (response, page) = await GetAsync("/trends");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.All(page.QuerySelectorAll("script"), s => Assert.StartsWith($"{host.Web.Address}assets/", s.GetAttribute("src"), StringComparison.Ordinal));
    }
}
