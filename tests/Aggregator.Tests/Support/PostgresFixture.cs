using System.Collections.Concurrent;
using Aggregator.Database;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

[assembly: AssemblyFixture(typeof(Aggregator.Tests.Support.PostgresFixture))]

namespace Aggregator.Tests.Support;

/// <summary>
/// One real PostgreSQL for the whole test run: the production embedded cluster code, started with fsync off in the
/// folder this run owns (<see cref="TestRun"/>). A template database is migrated once; each test gets a copy of it
/// and drops it when done, and the cluster stops when the run ends, so nothing grows from run to run.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    const string Template = "aggregator_template";
    const string Prefix = "test_";
    static int counter;

    readonly ConcurrentDictionary<string, byte> live = new();
    EmbeddedPostgres? server;
    string? missing;

    public async ValueTask InitializeAsync()
    {
        try
        {
            EmbeddedPostgres.FindBinaries(null);
        }
        catch (EmbeddedPostgresException e)
        {
            // Reported by each test that asks for a database: skipped on a developer machine, failed under CI.
            missing = e.Message;
            return;
        }
        var settings = new Dictionary<string, string>
        {
            ["fsync"] = "off", ["synchronous_commit"] = "off", ["full_page_writes"] = "off", ["max_connections"] = "200",
            // Every test database is written to the WAL as it is copied from the template; recycle it early so disk stays flat.
            ["max_wal_size"] = "64MB", ["min_wal_size"] = "32MB",
        };
        server = await EmbeddedPostgres.StartAsync(TestRun.Folder, null, settings, NullLogger.Instance, CancellationToken.None);
        // A run that died left its databases behind; this slot is ours alone, so they can go.
        await using (var conn = Admin())
        {
            foreach (var name in (await conn.QueryAsync<string>($"select datname from pg_database where starts_with(datname, '{Prefix}')")).AsList())
                await DropAsync(name);
        }
        await server.EnsureDatabaseAsync(Template, recreate: true, CancellationToken.None);
        await Migrator.MigrateAsync(server.ConnectionString(Template), NullLogger.Instance, CancellationToken.None);
        NpgsqlConnection.ClearAllPools();
        DapperSetup.Configure();
    }

    /// <summary>A new database for one test, migrated unless asked for an empty one; dispose it to drop it.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(bool migrated = true)
    {
        if (missing is not null)
            ExternalTool.Unavailable(missing);
        var name = Prefix + Interlocked.Increment(ref counter);
        await ExecuteAsync($"create database {name} template {(migrated ? Template : "template0")}");
        live[name] = 0;
        return new TestDatabase(this, name, server!.ConnectionString(name));
    }

    internal async Task DropAsync(string name)
    {
        // Pooled connections a test left open would block the drop; force closes them.
        await ExecuteAsync($"drop database if exists {name} with (force)");
        live.TryRemove(name, out _);
    }

    async Task ExecuteAsync(string sql)
    {
        await using var conn = Admin();
        await conn.ExecuteAsync(sql);
    }

    NpgsqlConnection Admin() => new(server!.ConnectionString("postgres"));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (server is not null)
            {
                foreach (var name in live.Keys)
                    await DropAsync(name);
                NpgsqlConnection.ClearAllPools();
                await server.DisposeAsync();
            }
        }
        finally
        {
            TestRun.End();
        }
    }
}

/// <summary>A database one test owns; disposing it closes its connections and drops it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    readonly PostgresFixture owner;

    internal TestDatabase(PostgresFixture owner, string name, string connectionString)
    {
        this.owner = owner;
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The first column of the first row; a null answer is an error.</summary>
    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException($"null from: {sql}");
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await owner.DropAsync(Name);
    }
}
