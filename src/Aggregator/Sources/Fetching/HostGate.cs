using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aggregator.Sources.Fetching;

/// <summary>
/// One request at a time per host, with a pause between requests: politeness is not optional, and it holds across
/// every node sharing the database. Within this process a semaphore per host queues the requests; across processes a
/// PostgreSQL advisory lock keyed by the host lets one request through at a time, and the host's row in
/// <c>host_leases</c> says, by the database's clock, when the next may start. Without a database (the dry run) the
/// semaphore and an in-memory time do the same for this process alone.
/// </summary>
public sealed class HostGate(IOptions<ScrapingOptions> options, TimeProvider time, NpgsqlDataSource? db = null)
{
    /// <summary>First key of the two-key advisory locks that hold a host; the run leases use one-key locks, a separate space.</summary>
    const int LockClass = 0x486F_7374;

    // Slots live as long as the process; there is one per host we scrape, a few hundred at most.
#pragma warning disable CA1001
    sealed class Slot
#pragma warning restore CA1001
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public DateTimeOffset NextAllowed;
    }

    TimeSpan Delay => options.Value.HostDelay;
    DateTimeOffset Now => time.GetUtcNow();

    readonly ConcurrentDictionary<string, Slot> slots = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IAsyncDisposable> EnterAsync(Uri url, CancellationToken ct)
    {
        var host = url.Authority.ToLowerInvariant();
        var slot = slots.GetOrAdd(host, _ => new Slot());
        await slot.Semaphore.WaitAsync(ct);
        try
        {
            var wait = slot.NextAllowed - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, ct);
            var connection = db is null ? null : await LockAsync(host, ct);
            return new Lease(this, slot, host, connection);
        }
        catch
        {
            slot.Semaphore.Release();
            throw;
        }
    }

    /// <summary>Waits for the host's lock (however long another node's request takes), then for its next allowed time.</summary>
    async Task<NpgsqlConnection> LockAsync(string host, CancellationToken ct)
    {
        var connection = await db!.OpenConnectionAsync(ct);
        var locked = false;
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@LockClass, hashtext(@host))", new { LockClass, host },
                commandTimeout: 0, cancellationToken: ct));
            locked = true;
            var wait = await connection.ExecuteScalarAsync<double>(new CommandDefinition(
                "select coalesce((select extract(epoch from next_allowed_at - clock_timestamp()) from host_leases where host = @host), 0)::float8",
                new { host }, cancellationToken: ct));
            if (wait > 0)
                await Task.Delay(TimeSpan.FromSeconds(wait), time, ct);
            return connection;
        }
        catch
        {
            await ReleaseAsync(connection, host, locked, next: null);
            throw;
        }
    }

    /// <summary>
    /// Records when the host may be asked again and lets it go. The unlock is explicit: a pooled connection is reset only
    /// when it is next used, and until then it would still hold the lock.
    /// </summary>
    static async Task ReleaseAsync(NpgsqlConnection connection, string host, bool locked, TimeSpan? next)
    {
        try
        {
            if (locked && next is { } delay)
                await connection.ExecuteAsync("""
                    insert into host_leases (host, next_allowed_at) values (@host, clock_timestamp() + @delay)
                    on conflict (host) do update set next_allowed_at = excluded.next_allowed_at
                    """, new { host, delay });
            if (locked)
                await connection.ExecuteAsync("select pg_advisory_unlock(@LockClass, hashtext(@host))", new { LockClass, host });
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    sealed class Lease(HostGate gate, Slot slot, string host, NpgsqlConnection? connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (connection is not null)
                    await ReleaseAsync(connection, host, locked: true, gate.Delay);
            }
            finally
            {
                slot.NextAllowed = gate.Now + gate.Delay;
                slot.Semaphore.Release();
            }
        }
    }
}
