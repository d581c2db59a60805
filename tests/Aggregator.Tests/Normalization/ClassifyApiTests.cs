using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Normalization;

public sealed class ClassifyApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    WebHost web = null!;
    TestDatabase db = null!;

    public async ValueTask InitializeAsync()
    {
        db = await postgres.CreateDatabaseAsync();
        web = await WebHost.StartAsync(db.DataSource);
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
        using var nullBody = await web.Client.PostAsync("/api/classify", new StringContent(" null", System.Text.Encoding.UTF8, "application/json"));
        using var empty = await web.Client.PostAsync("/api/classify", new StringContent("", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, notArray.StatusCode);
        Assert.Contains("must be a JSON array", await notArray.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("line 1", await notJson.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, nullBody.StatusCode);
        Assert.Contains("must be a JSON array", await nullBody.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task ABodyOverTheLimitIsRefusedBeforeItIsRead()
    {
        // 50 MB announced and not one byte sent: the answer can only come from the headers.
        var head = await RawHttp.SendUnfinishedAsync(web.Address,
            $"POST /api/classify HTTP/1.1\r\nHost: {web.Address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {50 * 1024 * 1024}\r\nExpect: 100-continue",
            [], TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 413 ", head, StringComparison.Ordinal);
        Assert.DoesNotContain("100 Continue", head, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnannouncedBodyOverTheLimitIsA413Problem()
    {
        var item = "{\"title\": \"" + new string('x', 900) + "\"},";
        var body = "[" + string.Concat(Enumerable.Repeat(item, 1300)) + "{\"title\": \"x\"}]";
        using var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/classify") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await web.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AnArrayIsReadOnlyUpToTheItemLimit()
    {
        // 1,001 items of an array that never ends: the answer comes at item 1,001, not at the end of the body.
        var items = "[" + string.Join(",", Enumerable.Range(0, 1001).Select(i => $"{{\"title\":\"Engineer {i}\"}}")) + ",";
        var chunk = System.Text.Encoding.UTF8.GetBytes($"{System.Text.Encoding.UTF8.GetByteCount(items):x}\r\n{items}\r\n");

        var head = await RawHttp.SendUnfinishedAsync(web.Address,
            $"POST /api/classify HTTP/1.1\r\nHost: {web.Address.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
            chunk, TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 400 ", head, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("series", 21, 4, "[3].series", "Item 3: series has 21 values; at most 20.")]
    [InlineData("series", 1, 21, "[3].series[0]", "Item 3: series value 0 is 21 characters; at most 20.")]
    [InlineData("categories", 200_000, 1, "[3].categories", "Item 3: categories has 200,000 values; at most 20.")]
    [InlineData("categories", 2, 201, "[3].categories[0]", "Item 3: categories value 0 is 201 characters; at most 200.")]
    public async Task SeriesAndCategoriesAreBoundedAndAnOverrunNamesTheItemAndField(string field, int count, int length, string key, string message)
    {
        var items = new List<Dictionary<string, object>>();
        for (var i = 0; i < 3; i++)
            items.Add(new() { ["title"] = "Engineer" });
        items.Add(new() { ["title"] = "Engineer", [field] = Enumerable.Repeat(new string('1', length), count).ToArray() });

        using var response = await web.Client.PostAsJsonAsync("/api/classify", items);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, problem.RootElement.GetProperty("errors").GetProperty(key)[0].GetString());
    }

    [Fact]
    public async Task TheTaxonomyIsPublished()
    {
        var roles = await web.Client.GetFromJsonAsync<JsonElement>("/api/roles");

        var slugs = roles.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("slug").GetString()).ToList();
        Assert.Equal(22, slugs.Count);
        Assert.Contains("software-engineering", slugs);
        Assert.Contains("not-digital", slugs);
        // The field names the README documents.
        Assert.Equal(["families", "categories"], roles.EnumerateObject().Select(p => p.Name));
        Assert.All(roles.GetProperty("families").EnumerateArray(), f => Assert.Equal(["slug", "displayName"], f.EnumerateObject().Select(p => p.Name)));
        Assert.All(roles.GetProperty("categories").EnumerateArray(),
            c => Assert.Equal(["slug", "displayName", "family", "description", "isDigital"], c.EnumerateObject().Select(p => p.Name)));
    }
}
