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
