using Aggregator.Config;
using Npgsql;

namespace Aggregator.Database;

/// <summary>
/// The one place that decides which PostgreSQL the service talks to: the configured connection string
/// (<c>ConnectionStrings:Aggregator</c>) always wins; without one, an embedded cluster is started.
/// </summary>
public sealed class DatabaseHost : IAsyncDisposable
{
    readonly EmbeddedPostgres? embedded;

    DatabaseHost(NpgsqlDataSource dataSource, NpgsqlDataSource? readDataSource, string connectionString, EmbeddedPostgres? embedded)
    {
        DataSource = dataSource;
        ReadDataSource = readDataSource;
        ConnectionString = connectionString;
        this.embedded = embedded;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// Search and feeds' data source when <c>ConnectionStrings:AggregatorRead</c> is set: its hosts as one multi-host
    /// source that prefers a standby and falls back to the primary when no standby answers. Null: everything reads the primary.
    /// </summary>
    public NpgsqlDataSource? ReadDataSource { get; }
    public string ConnectionString { get; }
    public bool IsEmbedded => embedded is not null;

    /// <param name="embeddedDatabase">Database to use inside the embedded cluster instead of the configured one (the demo uses its own).</param>
    /// <param name="recreate">Drop and recreate that embedded database first.</param>
    public static async Task<DatabaseHost> OpenAsync(
        IConfiguration configuration, ILoggerFactory loggers, CancellationToken ct, string? embeddedDatabase = null, bool recreate = false)
    {
        // Every reader of rows maps snake_case columns; set it up with the first data source, before any verb queries.
        DapperSetup.Configure();
        var options = SettingsRegistration.Read<DatabaseOptions>(configuration);
        var logger = loggers.CreateLogger<DatabaseHost>();
        var configured = configuration.GetConnectionString("Aggregator");

        EmbeddedPostgres? embedded = null;
        string connectionString;
        var migrate = options.MigrateOnStart;
        if (!string.IsNullOrWhiteSpace(configured) && embeddedDatabase is null)
        {
            connectionString = configured;
        }
        else
        {
            embedded = await EmbeddedPostgres.StartAsync(options.DataDirectory, options.PostgresBinDirectory, options.ServerSettings, logger, ct);
            var database = embeddedDatabase ?? options.EmbeddedDatabase;
            try
            {
                await embedded.EnsureDatabaseAsync(database, recreate, ct);
            }
            catch
            {
                await embedded.DisposeAsync();
                throw;
            }
            connectionString = embedded.ConnectionString(database);
            migrate = true;
        }

        try
        {
            if (migrate)
            {
                var applied = await Migrator.MigrateAsync(connectionString, loggers.CreateLogger("Aggregator.Migrations"), ct);
                if (applied.Count > 0)
                    logger.LogInformation("Applied migrations: {Scripts}", string.Join(", ", applied));
            }
            if (embedded is not null)
            {
                // Migrations ran as the superuser; the service itself runs as a role that can only read and write rows.
                var database = embeddedDatabase ?? options.EmbeddedDatabase;
                await embedded.EnsureServiceRoleAsync(database, ct);
                connectionString = embedded.ServiceConnectionString(database);
            }
            var builder = new NpgsqlDataSourceBuilder(ServiceConnectionString(connectionString, options));
            builder.UseServiceLogging(loggers);
            var read = configuration.GetConnectionString("AggregatorRead");
            return new DatabaseHost(builder.Build(), string.IsNullOrWhiteSpace(read) ? null : BuildReadSource(read, options, loggers), connectionString, embedded);
        }
        catch
        {
            if (embedded is not null)
                await embedded.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The connection string the service's data source uses: the given one, with PostgreSQL's JIT compilation
    /// off for our sessions (<c>Database:DisableJit</c>, default true) unless it already says something about <c>jit</c>. Our searches are short and
    /// selective, but their estimated cost (sequential scans with the dedup and multi-location subplans) passes
    /// <c>jit_above_cost</c> at about 100,000 jobs, and JIT then spent ~1.2 s compiling each ~0.15 s query
    /// (bench/search.sh: a filtered feed took 3 s instead of 0.3 s). A startup option survives the pool's
    /// DISCARD ALL, which a SET would not. Connect and command timeouts come from <c>Database:ConnectTimeout</c> and
    /// <c>Database:CommandTimeout</c> unless the string sets its own: a request must not wait Npgsql's 15 and 30 s
    /// defaults for a database that is not answering.
    /// </summary>
    public static string ServiceConnectionString(string connectionString, DatabaseOptions? options = null)
    {
        options ??= new DatabaseOptions();
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (options.DisableJit && builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        if (!given.ContainsKey("Timeout"))
            builder.Timeout = (int)options.ConnectTimeout.TotalSeconds;
        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
            builder.CommandTimeout = (int)options.CommandTimeout.TotalSeconds;
        return builder.ConnectionString;
    }

    /// <summary>
    /// The readers' data source over a multi-host connection string (<c>Host=standby1,standby2,primary</c>): Npgsql
    /// tries the hosts in order and takes a standby when one is up, the primary when none is (<c>PreferStandby</c>),
    /// unless the string names its own <c>Target Session Attributes</c>.
    /// </summary>
    public static NpgsqlDataSource BuildReadSource(string connectionString, DatabaseOptions? options, ILoggerFactory loggers)
    {
        var builder = new NpgsqlDataSourceBuilder(ServiceConnectionString(connectionString, options));
        builder.UseServiceLogging(loggers);
        var multiHost = builder.BuildMultiHost();
        return builder.ConnectionStringBuilder.TargetSessionAttributes is { Length: > 0 }
            ? multiHost
            : multiHost.WithTargetSession(TargetSessionAttributes.PreferStandby);
    }

    public async ValueTask DisposeAsync()
    {
        if (ReadDataSource is not null)
            await ReadDataSource.DisposeAsync();
        await DataSource.DisposeAsync();
        if (embedded is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await embedded.DisposeAsync();
        }
    }
}
