using Aggregator.Postings;
using Dapper;
using Npgsql;

namespace Aggregator.Feeds;

/// <summary>Reads the open jobs a feed lists.</summary>
public sealed class FeedStore(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<Job>> OpenJobsAsync(bool digitalOnly, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<Job>(new CommandDefinition($"""
            select {JobStore.SelectColumns} from jobs
            where closed_at is null and (not @digitalOnly or is_digital)
            order by coalesce(posted_at, first_seen_at) desc, id desc
            limit @limit
            """, new { digitalOnly, limit }, cancellationToken: ct))).AsList();
    }
}
