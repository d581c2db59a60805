using Aggregator.Database;
using Aggregator.Tests.Support;
using Npgsql;

namespace Aggregator.Tests.Database;

public sealed class EmbeddedPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public void NoServerBinariesGiveOneErrorNamingThePackageToInstall()
    {
        var e = Assert.Throws<EmbeddedPostgresException>(() => EmbeddedPostgres.FindBinaries(null, [Directory.CreateTempSubdirectory("nopg").FullName]));

        Assert.Contains("Debian package 'postgresql'", e.Message);
        Assert.Contains("ConnectionStrings__Aggregator", e.Message);
    }

    [Fact]
    public void AConfiguredBinFolderWithoutTheServerIsRefusedNamingIt()
    {
        var empty = Directory.CreateTempSubdirectory("nopg").FullName;

        var e = Assert.Throws<EmbeddedPostgresException>(() => EmbeddedPostgres.FindBinaries(empty));

        Assert.Contains(empty, e.Message);
    }

    [Fact]
    public async Task TheEmbeddedClusterServesAMigratedDatabase()
    {
        // The fixture started the cluster with the production code (as root here: through an unprivileged user).
        await using var db = await postgres.CreateDatabaseAsync();
        await using var command = db.CreateCommand("select count(*) from information_schema.tables where table_name in ('jurisdictions', 'sources', 'jobs', 'job_changes', 'scrape_runs', 'source_http_cache')");

        Assert.Equal(6L, await command.ExecuteScalarAsync());
        await using var owner = db.CreateCommand("select usename from pg_stat_activity where backend_type = 'checkpointer'");
        Assert.NotEqual("root", await owner.ExecuteScalarAsync() as string);
    }

    [Fact]
    public async Task MigratingTwiceAppliesNothingTheSecondTime()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        var builder = new NpgsqlConnectionStringBuilder(db.ConnectionString);

        var applied = await Migrator.MigrateAsync(postgres.ConnectionString(builder.Database!), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);

        Assert.Empty(applied);
    }
}
