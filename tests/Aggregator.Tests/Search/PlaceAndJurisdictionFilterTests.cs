using System.Text.Json;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Search;

/// <summary>
/// The filters that read columns of their own since migration 0006: places as arrays (a job's own region or country
/// and every location's) and the source's jurisdiction copied onto each job.
/// </summary>
public sealed class PlaceAndJurisdictionFilterTests(PostgresFixture postgres) : IAsyncLifetime
{
    JobsHost host = null!;
    long pennsylvania;

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        await host.SourceAsync("us-md-baltimore", "Baltimore City", region: "US-MD");
        pennsylvania = await host.SourceAsync("us-pa-state", "Commonwealth of Pennsylvania", region: "US-PA", level: "state");
        await host.UpsertAsync("us-md-baltimore",
            JobsHost.Job("us-md-baltimore", "ONE", "Software Engineer"),
            // Two states: no single region, found by either.
            JobsHost.Job("us-md-baltimore", "TWO", "Data Engineer", role: "data-engineering") with
            {
                Region = null, LocationDisplay = "Baltimore, MD; Arlington, VA",
                Locations = """[{"city":"Baltimore","region":"US-MD","country":"US"},{"city":"Arlington","region":"US-VA","country":"US"}]""",
            },
            // Two countries: no single country either.
            JobsHost.Job("us-md-baltimore", "BORDER", "Cloud Engineer", role: "devops-sre") with
            {
                Region = null, Country = null, LocationDisplay = "Buffalo, NY; Toronto, ON",
                Locations = """[{"city":"Buffalo","region":"US-NY","country":"US"},{"city":"Toronto","region":"CA-ON","country":"CA"}]""",
            });
        await host.UpsertAsync("us-pa-state", JobsHost.Job("us-pa-state", "PA", "Security Engineer", role: "cybersecurity") with { Region = "US-PA" });
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    async Task<string[]> Ids(string query)
    {
        var result = await host.JsonAsync("/api/jobs?" + query);
        return [.. result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("feedItemId").GetString()!.Split('/')[^1]).Order(StringComparer.Ordinal)];
    }

    [Theory]
    [InlineData("region=US-MD", new[] { "ONE", "TWO" })]
    [InlineData("region=US-VA", new[] { "TWO" })]
    [InlineData("region=US-NY", new[] { "BORDER" })]
    [InlineData("region=CA-ON", new[] { "BORDER" })]
    [InlineData("region=US-VA,US-PA", new[] { "PA", "TWO" })]
    [InlineData("country=CA", new[] { "BORDER" })]
    [InlineData("country=US", new[] { "BORDER", "ONE", "PA", "TWO" })]
    [InlineData("country=GB", new string[0])]
    [InlineData("region=US-VA&role=data-engineering", new[] { "TWO" })]
    [InlineData("region=US-VA&role=software-engineering", new string[0])]
    public async Task AJobIsFoundByItsOwnPlaceAndEveryLocations(string query, string[] expected)
    {
        Assert.Equal(expected, await Ids(query));
    }

    [Fact]
    public async Task AFeedOfARegionListsTheMultiLocationJobsThatReachIt()
    {
        var feed = await host.Client.GetStringAsync("/feeds/jobs.json?region=US-VA");
        var items = JsonDocument.Parse(feed).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(["tag:aggregator.dev,2026:job/us-md-baltimore/TWO"], items);
    }

    [Fact]
    public async Task AJurisdictionFilterFollowsItsSourcesJobsNewAndOld()
    {
        Assert.Equal(["BORDER", "ONE", "TWO"], await Ids("jurisdiction=baltimore-city"));
        Assert.Equal(["PA"], await Ids("jurisdiction=commonwealth-of-pennsylvania"));

        // A definition that moves its source to another jurisdiction moves the jobs it already found.
        await host.ExecuteAsync("update sources set jurisdiction_id = @pennsylvania where id = 'us-md-baltimore'", new { pennsylvania });
        Assert.Empty(await Ids("jurisdiction=baltimore-city"));
        Assert.Equal(["BORDER", "ONE", "PA", "TWO"], await Ids("jurisdiction=commonwealth-of-pennsylvania"));

        // And the jobs it finds afterwards are written there.
        await host.UpsertAsync("us-md-baltimore", JobsHost.Job("us-md-baltimore", "LATER", "GIS Analyst", role: "gis"));
        Assert.Equal(["BORDER", "LATER", "ONE", "PA", "TWO"], await Ids("jurisdiction=commonwealth-of-pennsylvania"));
    }
}
