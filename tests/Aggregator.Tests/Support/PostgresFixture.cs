using Aggregator.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

[assembly: AssemblyFixture(typeof(Aggregator.Tests.Support.PostgresFixture))]

namespace Aggregator.Tests.Support;

/// <summary>
/// One real PostgreSQL for the whole test run: the production embedded cluster code, started in a folder of
/// its own with fsync off. A template database is migrated once; each test gets a fresh copy of it.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    const string Template = "aggregator_template";
    static int counter;

    EmbeddedPostgres? server;

    // One cluster per checkout and user: two worktrees testing at once must not share a template database.
    public static string Root => Path.Combine(Path.GetTempPath(), "aggregator-tests",
        (Environment.IsPrivilegedProcess ? "root" : Environment.UserName) + "-" +
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..8]);

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string> { ["fsync"] = "off", ["synchronous_commit"] = "off", ["full_page_writes"] = "off", ["max_connections"] = "200" };
        server = await EmbeddedPostgres.StartAsync(Root, null, settings, NullLogger.Instance, CancellationToken.None);
        await server.EnsureDatabaseAsync(Template, recreate: true, CancellationToken.None);
        await Migrator.MigrateAsync(server.ConnectionString(Template), NullLogger.Instance, CancellationToken.None);
        NpgsqlConnection.ClearAllPools();
        DapperSetup.Configure();
    }

    /// <summary>A new, migrated, empty database for one test.</summary>
    public async Task<NpgsqlDataSource> CreateDatabaseAsync()
    {
        var name = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref counter)}";
        await using (var conn = new NpgsqlConnection(server!.ConnectionString("postgres")))
        {
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name} template {Template}", conn);
            await create.ExecuteNonQueryAsync();
        }
        return NpgsqlDataSource.Create(server.ConnectionString(name));
    }

    public string ConnectionString(string database) => server!.ConnectionString(database);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (server is not null)
            await server.DisposeAsync();
    }
}
