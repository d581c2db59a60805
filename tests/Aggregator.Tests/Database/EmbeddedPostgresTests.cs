using Microsoft.Extensions.Configuration;
using Aggregator.Database;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Database;

public sealed class EmbeddedPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public void NoServerBinariesGiveOneErrorNamingThePackageToInstall()
    {
        var e = Assert.Throws<EmbeddedPostgresException>(() => EmbeddedPostgres.FindBinaries(null, [TestRun.Scratch("nopg")]));

        Assert.Contains("Debian package 'postgresql'", e.Message);
        Assert.Contains("ConnectionStrings__Aggregator", e.Message);
    }

    [Fact]
    public void AConfiguredBinFolderWithoutTheServerIsRefusedNamingIt()
    {
        var empty = TestRun.Scratch("nopg");

        var e = Assert.Throws<EmbeddedPostgresException>(() => EmbeddedPostgres.FindBinaries(empty));

        Assert.Contains(empty, e.Message);
    }

    [Fact]
    public async Task TheEmbeddedClusterServesAMigratedDatabaseFromAnUnprivilegedServerUser()
    {
        // The fixture started the cluster with the production code (as root here: through an unprivileged user).
        await using var db = await postgres.CreateDatabaseAsync();
        await using var command = db.DataSource.CreateCommand("select count(*) from information_schema.tables where table_name in ('jurisdictions', 'sources', 'jobs', 'job_changes', 'scrape_runs', 'source_http_cache')");

        Assert.Equal(6L, await command.ExecuteScalarAsync());
        await using var backend = db.DataSource.CreateCommand("select pg_backend_pid()");
        var serverUid = ProcessUid((int)(await backend.ExecuteScalarAsync())!);
        Assert.Equal(Uid(ExpectedServerUser()), serverUid);
        Assert.NotEqual("0", serverUid);
    }

    // PostgreSQL refuses to run as root; as root the production code runs it as Debian's postgres user, else its own.
    static string ExpectedServerUser() =>
        !Environment.IsPrivilegedProcess ? Environment.UserName
        : ExternalTool.Run("id", "-u postgres").ExitCode == 0 ? "postgres" : "aggregator-pg";

    static string Uid(string user)
    {
        var (code, output) = ExternalTool.Run("id", $"-u {user}");
        Assert.True(code == 0, output);
        return output.Trim();
    }

    static string ProcessUid(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];

    [Fact]
    public async Task MigratingTwiceAppliesNothingTheSecondTime()
    {
        await using var db = await postgres.CreateDatabaseAsync();

        var applied = await Migrator.MigrateAsync(db.ConnectionString, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);

        Assert.Empty(applied);
    }
}

public sealed class EmbeddedServiceRoleTests
{
    [Fact]
    public async Task TheServiceRunsAsARoleThatCanWriteRowsButNotChangeTheSchemaAndItsSecretsAreOwnerOnly()
    {
        var folder = TestRun.Scratch("dbhost");
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = folder,
            ["Database:ServerSettings:fsync"] = "off",
        }).Build();
        using var loggers = Microsoft.Extensions.Logging.LoggerFactory.Create(_ => { });

        await using (var host = await DatabaseHost.OpenAsync(configuration, loggers, CancellationToken.None))
        {
            await using var conn = await host.DataSource.OpenConnectionAsync();
            async Task<object?> Scalar(string sql)
            {
                await using var command = new Npgsql.NpgsqlCommand(sql, conn);
                return await command.ExecuteScalarAsync();
            }

            Assert.Equal(EmbeddedPostgres.ServiceRole, await Scalar("select current_user"));
            Assert.Equal(false, await Scalar("select rolsuper or rolcreatedb or rolcreaterole from pg_roles where rolname = current_user"));
            Assert.Equal(1L, await Scalar("with j as (insert into jurisdictions (name, level, country) values ('Test', 'city', 'US') returning 1) select count(*) from j"));
            Assert.Equal(0L, await Scalar("select count(*) from jobs"));
            var denied = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Scalar("create table intruder (id int)"));
            Assert.Equal("42501", denied.SqlState);
            denied = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Scalar("drop table jobs"));
            Assert.Equal("42501", denied.SqlState);
        }

        foreach (var secret in new[] { "password", "service-password" })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, secret)));
        Assert.False(File.Exists(Path.Combine(folder, "run", "initdb-password")));
    }
}
