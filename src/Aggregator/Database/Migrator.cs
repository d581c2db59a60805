using DbUp;
using DbUp.Engine.Output;
using Npgsql;

namespace Aggregator.Database;

/// <summary>Applies the forward-only scripts in <c>migrations/</c> (embedded in the binary) with DbUp.</summary>
public static class Migrator
{
    // Several nodes may start at once; one advisory lock makes them migrate one after the other.
    const long LockKey = 0x4167_6752_4d49_47;

    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_lock(@key)", conn))
        {
            lockCommand.Parameters.AddWithValue("key", LockKey);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        try
        {
            var upgrader = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, name => name.StartsWith("migrations/", StringComparison.Ordinal))
                .WithTransactionPerScript()
                .LogTo(new UpgradeLog(logger))
                .Build();
            var pending = upgrader.GetScriptsToExecute().Select(s => s.Name).ToList();
            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
                throw new InvalidOperationException($"Migration {result.ErrorScript?.Name ?? "(unknown)"} failed: {result.Error?.Message}", result.Error);
            return pending;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(@key)", conn);
            unlock.Parameters.AddWithValue("key", LockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    sealed class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace("{Message}", Format(format, args));
        public void LogDebug(string format, params object[] args) => logger.LogDebug("{Message}", Format(format, args));
        public void LogInformation(string format, params object[] args) => logger.LogInformation("{Message}", Format(format, args));
        public void LogWarning(string format, params object[] args) => logger.LogWarning("{Message}", Format(format, args));
        public void LogError(string format, params object[] args) => logger.LogError("{Message}", Format(format, args));
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{Message}", Format(format, args));

        static string Format(string format, object[] args) =>
            args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
    }
}
