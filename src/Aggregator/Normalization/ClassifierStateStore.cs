using Dapper;
using Npgsql;

namespace Aggregator.Normalization;

/// <summary>
/// All SQL on <c>classifier_state</c> (which classifier last labelled the stored jobs) and the lease that lets one node at a
/// time reclassify them.
/// </summary>
public sealed class ClassifierStateStore(NpgsqlDataSource db)
{
    /// <summary>
    /// The reclassification lease: a session advisory lock held on a connection of its own for the whole run, released when the
    /// run ends or, if the process dies, with its connection. Null when another node holds it.
    /// </summary>
    public async Task<IAsyncDisposable?> TryLeaseAsync(CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        try
        {
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "select pg_try_advisory_lock(hashtext('classifier:reclassify'))", cancellationToken: ct)))
                return new Lease(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    sealed class Lease(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.ExecuteAsync("select pg_advisory_unlock(hashtext('classifier:reclassify'))");
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>The version that last labelled the jobs; null before the first reclassification.</summary>
    public async Task<string?> VersionAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string?>(new CommandDefinition("select version from classifier_state", cancellationToken: ct));
    }

    public async Task SaveVersionAsync(string version, DateTimeOffset at, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into classifier_state (id, version, reclassified_at) values (true, @version, @at)
            on conflict (id) do update set version = excluded.version, reclassified_at = excluded.reclassified_at
            """, new { version, at }, cancellationToken: ct));
    }
}
