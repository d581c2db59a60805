using System.Net;
using Aggregator.Database;
using Aggregator.Tests.Support;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aggregator.Tests.Database;

/// <summary>Degrade, don't die: the real web app over a real database that a loopback proxy takes away and gives back.</summary>
public sealed class OutageTests(PostgresFixture postgres)
{
    /// <summary>The service's data source (its timeouts, session settings and logging) reaching the test database through <paramref name="proxy"/>.</summary>
    static NpgsqlDataSource ThroughProxy(TestDatabase db, TcpProxy proxy, LogCapture npgsqlLogs)
    {
        var connection = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Port = proxy.Port }.ConnectionString;
        var builder = new NpgsqlDataSourceBuilder(DatabaseHost.ServiceConnectionString(connection));
        builder.UseServiceLogging(LoggerFactory.Create(b => b.AddProvider(npgsqlLogs).SetMinimumLevel(LogLevel.Warning)));
        return builder.Build();
    }

    static int Port(TestDatabase db) => new NpgsqlConnectionStringBuilder(db.ConnectionString).Port;

    static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", "https://coalition.example");
        return await client.SendAsync(request);
    }

    static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(250))
            if (await condition())
                return;
        Assert.Fail($"Not within 60 s: {what}");
    }

    [Fact]
    public async Task WhileTheDatabaseIsGoneRequestsAre503WithRetryAfterAndTheServiceRecoversByItself()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await using var proxy = TcpProxy.Start(Port(db));
        var npgsqlLogs = new LogCapture();
        await using var source = ThroughProxy(db, proxy, npgsqlLogs);
        await using var web = await WebHost.StartAsync(source);
        using (var up = await GetAsync(web.Client, "/api/jobs"))
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);

        proxy.Down();
        foreach (var path in new[] { "/api/jobs", "/feeds/jobs.atom", "/api/jurisdictions", "/feeds/jurisdictions/baltimore-city.rss", "/api/jobs/1", "/api/jobs", "/health/ready", "/health" })
        {
            using var response = await GetAsync(web.Client, path);
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
            Assert.Equal(["*"], response.Headers.GetValues("Access-Control-Allow-Origin"));
            if (!path.StartsWith("/health", StringComparison.Ordinal))
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        // What needs no database still works, and liveness never asks it: the node is not restarted for an outage.
        using (var live = await GetAsync(web.Client, "/health/live"))
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using (var roles = await GetAsync(web.Client, "/api/roles"))
            Assert.Equal(HttpStatusCode.OK, roles.StatusCode);

        // One warning for the outage, and no stack trace or error per request.
        var warnings = web.Logs.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        var outage = Assert.Single(warnings);
        Assert.Equal(typeof(DatabaseOutage).FullName, outage.Category);
        Assert.StartsWith("Database unavailable: ", outage.Message, StringComparison.Ordinal);
        Assert.Null(outage.Exception);
        Assert.Empty(npgsqlLogs.Entries);

        proxy.Restore();
        await EventuallyAsync(async () => (await GetAsync(web.Client, "/api/jobs")).StatusCode == HttpStatusCode.OK, "/api/jobs answers 200 again");
        await EventuallyAsync(() => Task.FromResult(web.Logs.Entries.Any(e => e.Message.StartsWith("Database recovered after ", StringComparison.Ordinal))),
            "one line says the database is back");
        using (var ready = await GetAsync(web.Client, "/health/ready"))
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Single(web.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task ADatabaseThatAcceptsConnectionsButNeverAnswersIs503AfterTheConnectTimeoutNotAHang()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await using var proxy = TcpProxy.Start(Port(db));
        await using var source = ThroughProxy(db, proxy, new LogCapture());
        await using var web = await WebHost.StartAsync(source);
        proxy.Hang();
        // Npgsql's own default would wait 15 s to connect; the service's is 3.
        using var client = new HttpClient { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(12) };

        using var response = await GetAsync(client, "/feeds/jobs.atom");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task AFaultOfOursIsStillA500()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await using var web = await WebHost.StartAsync(db.DataSource);
        await using (var conn = await db.DataSource.OpenConnectionAsync())
        await using (var broken = new NpgsqlCommand("alter table jobs rename column title to title_gone", conn))
            await broken.ExecuteNonQueryAsync();

        using var response = await GetAsync(web.Client, "/api/jobs");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
    }

    [Fact]
    public void TheServiceConnectionStringCarriesShortTimeoutsUnlessTheConfiguredStringSetsItsOwn()
    {
        var options = new DatabaseOptions { ConnectTimeout = TimeSpan.FromSeconds(2), CommandTimeout = TimeSpan.FromSeconds(7) };

        var defaults = new NpgsqlConnectionStringBuilder(DatabaseHost.ServiceConnectionString("Host=db;Database=a"));
        var configured = new NpgsqlConnectionStringBuilder(DatabaseHost.ServiceConnectionString("Host=db;Database=a", options));
        var explicitly = new NpgsqlConnectionStringBuilder(DatabaseHost.ServiceConnectionString("Host=db;Database=a;Timeout=20;Command Timeout=60", options));

        Assert.Equal((3, 5), (defaults.Timeout, defaults.CommandTimeout));
        Assert.Equal((2, 7), (configured.Timeout, configured.CommandTimeout));
        Assert.Equal((20, 60), (explicitly.Timeout, explicitly.CommandTimeout));
        Assert.Contains("jit=off", configured.Options, StringComparison.Ordinal);
    }
}
