using Dapper;
using Npgsql;

namespace Aggregator.Scraping;

public sealed record ScrapeRun(
    long Id, string SourceId, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, ScrapeOutcome Outcome,
    int Seen, int New, int Updated, int Closed, int Requests, long Bytes, string? Error);

/// <summary>What a run counted, written to its row when it finishes.</summary>
public sealed record RunCounts(int Seen, int New, int Updated, int Closed, int Requests, long Bytes, int Reopened = 0)
{
    public static readonly RunCounts None = new(0, 0, 0, 0, 0, 0);
}

/// <summary>A run found still running when nothing could still be running it, and why it was given up.</summary>
public sealed record AbandonedRun(long Id, string SourceId, string Error);

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

    public async Task<long> StartAsync(string sourceId, DateTimeOffset at, CancellationToken ct, RunOrigin? origin = null)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "insert into scrape_runs (source_id, started_at, scheduled_for, node) values (@sourceId, @at, @scheduledFor, @node) returning id",
            new { sourceId, at, scheduledFor = origin?.ScheduledFor, node = origin?.Node }, cancellationToken: ct));
    }

    /// <summary>Whether a run of the source for this scheduled slot finished (any outcome but abandoned or still running).</summary>
    public async Task<bool> FinishedForSlotAsync(string sourceId, DateTimeOffset scheduledFor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from scrape_runs where source_id = @sourceId and scheduled_for = @scheduledFor and finished_at is not null and outcome <> 'abandoned')",
            new { sourceId, scheduledFor }, cancellationToken: ct));
    }

    public async Task FinishAsync(long id, DateTimeOffset at, ScrapeOutcome outcome, RunCounts counts, string? error, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            update scrape_runs set finished_at = @at, outcome = @outcome, seen = @Seen, new = @New, updated = @Updated, closed = @Closed,
                reopened = @Reopened, requests = @Requests, bytes = @Bytes, error = @error
            where id = @id
            """, new { id, at, outcome = outcome.Name(), counts.Seen, counts.New, counts.Updated, counts.Closed, counts.Reopened, counts.Requests, counts.Bytes, error },
            cancellationToken: ct));
    }

    /// <summary>
    /// Marks as abandoned every run still recorded as running that nothing can still be running: its source's lease
    /// is held by no session (the lease is a session lock, so a dead process lets it go and its row is orphaned
    /// exactly then), or the caller holds that lease itself (<paramref name="leasedSourceId"/>, before its own run),
    /// or it started before <paramref name="startedBefore"/> (a stuck node, or a dead one the server has not noticed).
    /// </summary>
    public async Task<IReadOnlyList<AbandonedRun>> ReapAsync(string? leasedSourceId, DateTimeOffset now, DateTimeOffset startedBefore, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<AbandonedRun>(new CommandDefinition("""
            with orphaned as (
                select r.id, coalesce(r.source_id = @leasedSourceId, false) or not exists (
                    select 1 from pg_locks l
                    where l.locktype = 'advisory' and l.granted and l.objsubid = 1
                      and l.database = (select oid from pg_database where datname = current_database())
                      and l.classid::bigint = ((hashtext('scrape:' || r.source_id)::bigint >> 32) & 4294967295)
                      and l.objid::bigint = (hashtext('scrape:' || r.source_id)::bigint & 4294967295)) as dead
                from scrape_runs r
                where r.outcome = 'running'
            )
            update scrape_runs r set outcome = 'abandoned', finished_at = @now,
                error = case when o.dead then 'abandoned: the process running it stopped before it finished'
                             else 'abandoned: still running after ' || @limit || '; its node may be stuck' end
            from orphaned o
            -- Checked again here: a reap running at the same moment may have taken the row first.
            where r.id = o.id and r.outcome = 'running' and (o.dead or r.started_at < @startedBefore)
            returning r.id, r.source_id, r.error
            """, new { leasedSourceId, now, startedBefore, limit = (now - startedBefore).ToString("c", System.Globalization.CultureInfo.InvariantCulture) },
            cancellationToken: ct))).AsList();
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
