using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Normalization;

public sealed class ClassifyApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    WebHost web = null!;
    Npgsql.NpgsqlDataSource db = null!;

    public async ValueTask InitializeAsync()
    {
        db = await postgres.CreateDatabaseAsync();
        web = await WebHost.StartAsync(db);
    }

    public async ValueTask DisposeAsync()
    {
        await web.DisposeAsync();
        await db.DisposeAsync();
    }

    [Fact]
    public async Task ClassifiesInOrderAndExplainsTheEvidence()
    {
        using var response = await web.Client.PostAsJsonAsync("/api/classify", new object[]
        {
            new { title = "IT Specialist (INFOSEC)" },
            new { title = "Budget Analyst", series = new[] { "0560" } },
            new { title = "Program Manager", series = new[] { "1560" } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal(("cybersecurity", true, "security", "title"),
            (results[0].GetProperty("category").GetString(), results[0].GetProperty("isDigital").GetBoolean(), results[0].GetProperty("family").GetString(), results[0].GetProperty("evidence").GetString()));
        Assert.Equal("not-digital", results[1].GetProperty("category").GetString());
        Assert.False(string.IsNullOrEmpty(results[2].GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task OrganizationAndContextSettleABareTitleAndSaySo()
    {
        using var response = await web.Client.PostAsJsonAsync("/api/classify", new object[]
        {
            new { title = "Delivery Lead", context = "civic-tech" },
            new { title = "Delivery Lead", organization = "Department of Public Works" },
            new { title = "Analyst", organization = "Office of Information Technology" },
            new { title = "Partnerships Manager", context = "civic-tech" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal("delivery-project-management", results[0].GetProperty("category").GetString());
        Assert.Equal("not-digital", results[1].GetProperty("category").GetString());
        Assert.Equal("it-generalist", results[2].GetProperty("category").GetString());
        Assert.Contains("Office of Information Technology", results[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("delivery-project-management", results[3].GetProperty("category").GetString());
        Assert.Contains("civic-tech organization", results[3].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownContextIsABadRequestListingTheKnownOnes()
    {
        using var response = await web.Client.PostAsJsonAsync("/api/classify", new object[] { new { title = "Designer", context = "startup" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Item 0: context must be one of digital-service, civic-tech, general", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TooManyItemsIsABadRequestSayingTheLimit()
    {
        var items = Enumerable.Range(0, 1001).Select(i => new { title = "Engineer " + i }).ToArray();

        using var response = await web.Client.PostAsJsonAsync("/api/classify", items);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("At most 1000 items", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnItemWithoutATitleIsABadRequestNamingIt()
    {
        using var response = await web.Client.PostAsJsonAsync("/api/classify", new object[] { new { title = "Engineer" }, new { series = new[] { "2210" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Item 1 has no title", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMalformedBodyIsABadRequestSayingWhere()
    {
        using var notArray = await web.Client.PostAsync("/api/classify", new StringContent("{\"title\": \"x\"}", System.Text.Encoding.UTF8, "application/json"));
        using var notJson = await web.Client.PostAsync("/api/classify", new StringContent("[{\"title\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, notArray.StatusCode);
        Assert.Contains("must be a JSON array", await notArray.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("line 1", await notJson.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheTaxonomyIsPublished()
    {
        var roles = await web.Client.GetFromJsonAsync<JsonElement>("/api/roles");

        var slugs = roles.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("slug").GetString()).ToList();
        Assert.Equal(22, slugs.Count);
        Assert.Contains("software-engineering", slugs);
        Assert.Contains("not-digital", slugs);
    }
}
