using Dapper;
using Npgsql;

namespace Aggregator.Scraping;

public sealed record ScrapeRun(
    long Id, string SourceId, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Outcome,
    int Seen, int New, int Updated, int Closed, int Requests, long Bytes, string? Error);

/// <summary>All SQL on <c>scrape_runs</c>: one row per run, written at start and completed at the end.</summary>
public sealed class ScrapeRunStore(NpgsqlDataSource db)
{
    public async Task<long> StartAsync(string sourceId, DateTimeOffset at, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "insert into scrape_runs (source_id, started_at) values (@sourceId, @at) returning id", new { sourceId, at }, cancellationToken: ct));
    }

    public async Task FinishAsync(long id, DateTimeOffset at, string outcome, int seen, int created, int updated, int closed, int requests, long bytes, string? error, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            update scrape_runs set finished_at = @at, outcome = @outcome, seen = @seen, new = @created, updated = @updated, closed = @closed,
                requests = @requests, bytes = @bytes, error = @error
            where id = @id
            """, new { id, at, outcome, seen, created, updated, closed, requests, bytes, error }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<ScrapeRun>> RecentAsync(string sourceId, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ScrapeRun>(new CommandDefinition("""
            select id, source_id, started_at, finished_at, outcome, seen, new, updated, closed, requests, bytes, error
            from scrape_runs where source_id = @sourceId order by id desc limit @limit
            """, new { sourceId, limit }, cancellationToken: ct))).AsList();
    }
}
