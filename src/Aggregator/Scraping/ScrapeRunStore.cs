using Dapper;
using Npgsql;

namespace Aggregator.Scraping;

public sealed record ScrapeRun(
    long Id, string SourceId, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, ScrapeOutcome Outcome,
    int Seen, int New, int Updated, int Closed, int Requests, long Bytes, string? Error);

/// <summary>What a run counted, written to its row when it finishes.</summary>
public sealed record RunCounts(int Seen, int New, int Updated, int Closed, int Requests, long Bytes)
{
    public static readonly RunCounts None = new(0, 0, 0, 0, 0, 0);
}

/// <summary>
/// All SQL on <c>scrape_runs</c> (one row per run, written at start and completed at the end) and the lease
/// that keeps two runs of one source apart across every node sharing the database.
/// </summary>
public sealed class ScrapeRunStore(NpgsqlDataSource db)
{
    /// <summary>
    /// The source's run lease: a session advisory lock held on a connection of its own for the whole run, so it
    /// is released when the run ends or, if the process dies, when its connection does. Null when another run holds it.
    /// </summary>
    public async Task<IAsyncDisposable?> TryLeaseAsync(string sourceId, CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        try
        {
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "select pg_try_advisory_lock(hashtext('scrape:' || @sourceId))", new { sourceId }, cancellationToken: ct)))
                return new Lease(connection, sourceId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    sealed class Lease(NpgsqlConnection connection, string sourceId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.ExecuteAsync("select pg_advisory_unlock(hashtext('scrape:' || @sourceId))", new { sourceId });
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    public async Task<long> StartAsync(string sourceId, DateTimeOffset at, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "insert into scrape_runs (source_id, started_at) values (@sourceId, @at) returning id", new { sourceId, at }, cancellationToken: ct));
    }

    public async Task FinishAsync(long id, DateTimeOffset at, ScrapeOutcome outcome, RunCounts counts, string? error, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            update scrape_runs set finished_at = @at, outcome = @outcome, seen = @Seen, new = @New, updated = @Updated, closed = @Closed,
                requests = @Requests, bytes = @Bytes, error = @error
            where id = @id
            """, new { id, at, outcome = outcome.Name(), counts.Seen, counts.New, counts.Updated, counts.Closed, counts.Requests, counts.Bytes, error },
            cancellationToken: ct));
    }

    public async Task<IReadOnlyList<ScrapeRun>> RecentAsync(string sourceId, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            select id, source_id, started_at, finished_at, outcome, seen, new, updated, closed, requests, bytes, error
            from scrape_runs where source_id = @sourceId order by id desc limit @limit
            """, new { sourceId, limit }, cancellationToken: ct));
        return [.. rows.Select(r => new ScrapeRun(r.Id, r.SourceId, r.StartedAt, r.FinishedAt, ScrapeOutcomes.Parse(r.Outcome),
            r.Seen, r.New, r.Updated, r.Closed, r.Requests, r.Bytes, r.Error))];
    }

    sealed record Row(
        long Id, string SourceId, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Outcome,
        int Seen, int New, int Updated, int Closed, int Requests, long Bytes, string? Error);
}
