using System.Globalization;
using System.Net;
using System.Text.Json;
using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Http;

public sealed class MetricsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task MetricsCarryARunsCountsTheFetchesAndTheRequestsServed()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await using var web = await WebHost.StartAsync(host.Db, new()
        {
            ["Feeds:CacheSeconds"] = "300",
            ["Scraping:HostDelay"] = "00:00:00",
            ["UsaJobs:ApiKey"] = "test-key",
            ["UsaJobs:Email"] = "tests@example.org",
        });
        // The meter is the process's: a source id and a replay host of this test's own keep its series apart from other tests'.
        var (definition, errors) = DefinitionLoader.LoadFile(Fixtures.Path("definitions", "test-usajobs.yml"));
        Assert.Empty(errors);
        definition!.Id = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        host.PointAt(definition, "v1");
        var hostName = host.Replay.BaseAddress.Authority;

        var report = await web.Services.GetRequiredService<ScrapeRunner>().RunAsync(definition, CancellationToken.None);
        for (var i = 0; i < 3; i++)
            (await web.Client.GetAsync($"/api/jobs?source={definition.Id}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.BadRequest, (await web.Client.GetAsync("/api/jobs?limit=101")).StatusCode);
        var text = await web.Client.GetStringAsync("/metrics");

        Assert.Equal(ScrapeOutcome.Succeeded, report.Outcome);
        var source = ("source", definition.Id);
        Assert.Equal(1, Value(text, "aggregator_scrape_runs_total", source, ("outcome", "succeeded")));
        Assert.Equal(1, Value(text, "aggregator_scrape_run_duration_seconds_count", source, ("outcome", "succeeded")));
        Assert.InRange(Value(text, "aggregator_scrape_run_duration_seconds_sum", source, ("outcome", "succeeded")), 0.000001, report.Elapsed.TotalSeconds + 0.001);
        Assert.Equal(report.Counts.Seen, Value(text, "aggregator_postings_total", source, ("change", "seen")));
        Assert.Equal(3, Value(text, "aggregator_postings_total", source, ("change", "new")));
        Assert.Equal(0, Value(text, "aggregator_postings_total", source, ("change", "updated")));
        Assert.Equal(0, Value(text, "aggregator_postings_total", source, ("change", "closed")));
        Assert.Equal(3, Value(text, "aggregator_jobs_open", source));
        Assert.Equal(report.Counts.Requests, Value(text, "aggregator_fetch_requests_total", ("host", hostName), ("status", "200")));
        Assert.Equal(report.Counts.Bytes, Value(text, "aggregator_fetch_bytes_total", ("host", hostName)));
        // Requests by route: the three searches at least (other tests' web apps share the process's meter), and the 400.
        Assert.True(Value(text, "http_server_request_duration_seconds_count", ("http_route", "/api/jobs"), ("http_response_status_code", "200")) >= 3, text);
        Assert.True(Value(text, "http_server_request_duration_seconds_count", ("http_route", "/api/jobs"), ("http_response_status_code", "400")) >= 1, text);
        // The same search asked three times: a miss, then hits.
        Assert.True(Value(text, "aggregator_cache_lookups_total", ("result", "hit")) >= 2, text);
        Assert.True(Value(text, "aggregator_cache_lookups_total", ("result", "miss")) >= 1, text);
    }

    [Fact]
    public void JsonLogsAreOneObjectALineWhenAskedFor()
    {
        var folder = TestRun.Scratch("json-logs");
        var scrapers = Directory.CreateDirectory(Path.Combine(folder, "scrapers")).FullName;
        File.WriteAllText(Path.Combine(scrapers, "broken.yml"), "id: broken\nname: [unclosed\n");

        var (code, output, error) = AggregatorCli.Run("scrape broken", folder, new Dictionary<string, string?>
        {
            ["Logging__Format"] = "json",
            ["Sources__Directory"] = scrapers,
        });

        Assert.Equal(2, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var refused = lines.Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("Message").GetString()!.StartsWith("Definition refused", StringComparison.Ordinal));
        Assert.Equal("Error", refused.GetProperty("LogLevel").GetString());
        Assert.Contains("broken.yml", refused.GetProperty("State").GetProperty("Error").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", refused.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
        Assert.Contains("No valid definition", error, StringComparison.Ordinal);
    }

    /// <summary>The sum of the samples of <paramref name="name"/> that carry every given label (a series may carry more).</summary>
    static double Value(string exposition, string name, params (string Label, string Value)[] labels)
    {
        var total = 0.0;
        var found = false;
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(name + "{", StringComparison.Ordinal) && !line.StartsWith(name + " ", StringComparison.Ordinal))
                continue;
            if (!labels.All(l => line.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
                continue;
            var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            total += double.Parse(value, CultureInfo.InvariantCulture);
            found = true;
        }
        Assert.True(found, $"no sample of {name} with {string.Join(", ", labels)} in:\n{exposition}");
        return total;
    }
}
