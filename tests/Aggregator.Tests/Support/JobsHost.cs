using Aggregator.Normalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aggregator.Postings;
using Dapper;
using Npgsql;

namespace Aggregator.Tests.Support;

/// <summary>
/// A fresh database with jobs written straight through <see cref="JobStore.UpsertAsync"/> (no adapter, no
/// normalizer, no classifier: each test says the role, place and salary it needs), and the real web app on it.
/// </summary>
public sealed class JobsHost : IAsyncDisposable
{
    readonly TestDatabase database;

    JobsHost(TestDatabase database, WebHost web)
    {
        this.database = database;
        Web = web;
        Jobs = new JobStore(database.DataSource);
    }

    public NpgsqlDataSource Db => database.DataSource;
    public WebHost Web { get; }
    public JobStore Jobs { get; }
    public HttpClient Client => Web.Client;

    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <param name="settings">Configuration for the web app, over <see cref="WebHost.StartAsync"/>'s defaults.</param>
    public static async Task<JobsHost> StartAsync(PostgresFixture postgres, Dictionary<string, string?>? settings = null)
    {
        var database = await postgres.CreateDatabaseAsync();
        return new JobsHost(database, await WebHost.StartAsync(database.DataSource, settings));
    }

    /// <summary>A jurisdiction and one source of it; returns the jurisdiction id.</summary>
    public async Task<long> SourceAsync(string sourceId, string jurisdiction, string country = "US", string? region = null, string level = "city")
    {
        await using var conn = await Db.OpenConnectionAsync();
        var id = await conn.ExecuteScalarAsync<long>("""
            insert into jurisdictions (name, level, country, region) values (@jurisdiction, @level, @country, @region)
            on conflict (country, name) do update set level = excluded.level returning id
            """, new { jurisdiction, level, country, region });
        await conn.ExecuteAsync("""
            insert into sources (id, jurisdiction_id, name, platform, schedule, homepage, owner, access, terms)
            values (@sourceId, @id, @sourceId, 'rss', '0 0 * * * ?', 'https://example.test/', 'tests', 'feed', 'test')
            """, new { sourceId, id });
        return id;
    }

    public static Job Job(string source, string externalId, string title, int postedDaysAgo = 1, string role = "software-engineering") => new()
    {
        SourceId = source,
        ExternalId = externalId,
        Url = $"https://jobs.example.test/{source}/{externalId}",
        Title = title,
        Organization = "Department of Examples",
        LocationDisplay = "Baltimore, MD",
        Region = "US-MD",
        Country = "US",
        RoleCategory = role,
        RoleFamily = Taxonomy.TryGet(role, out var category) ? category.Family : "",
        IsDigital = role != "not-digital",
        Workplace = "on-site",
        SalaryMin = 100_000,
        SalaryMax = 120_000,
        SalaryPeriod = "year",
        SalaryCurrency = "USD",
        SalaryAnnualMin = 100_000,
        SalaryAnnualMax = 120_000,
        PostedAt = Now.AddDays(-postedDaysAgo),
        ClosingAt = Now.AddDays(20 - postedDaysAgo),
        DescriptionHtml = "<p>Build services people use.</p>",
        DescriptionText = "Build services people use.",
        ContentHash = "",
    };

    /// <summary>Stores the jobs as a scrape would; the content hash covers every field, so any edit is a change.</summary>
    public async Task UpsertAsync(string source, params Job[] jobs) =>
        await Jobs.UpsertAsync(source, [.. jobs.Select(j => j with { ContentHash = Hash(j) })], DateTimeOffset.UtcNow, CancellationToken.None);

    static string Hash(Job job) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(job with { ContentHash = "" }))))[..32];

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, parameters);
    }

    public Task<T> ScalarAsync<T>(string sql, object? parameters = null) => database.ScalarAsync<T>(sql, parameters);

    public async Task<JsonElement> JsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<string> SaveAsync(string path, string fileName) => Web.SaveAsync(path, fileName);

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await database.DisposeAsync();
    }
}
