using System.Globalization;
using Aggregator.Postings;
using Dapper;
using Npgsql;

namespace Aggregator.Changes;

/// <summary>
/// A position in the change log: after the row (<see cref="Tx"/>, <see cref="Id"/>) in (transaction, id) order.
/// <see cref="Start"/> is before every row.
/// </summary>
public sealed record ChangePosition(ulong Tx, long Id)
{
    public static readonly ChangePosition Start = new(0, 0);
}

/// <summary>One row of the change log, as the API and the changes export name it.</summary>
public sealed record ChangeEntry(
    long Id, long JobId, string SourceId, string ExternalId, DateTimeOffset ChangedAt, string Kind, string Field, string? OldValue, string? NewValue,
    string? Reason)
{
    internal ulong Tx { get; init; }
}

public sealed record ChangePage(IReadOnlyList<ChangeEntry> Items, ChangePosition Next, bool More);

/// <summary>
/// Reads <c>job_changes</c> as a log: every creation, update, close and reopening, in the order their transactions wrote
/// them (migration 0007 explains the order). A page never passes a row that a transaction still running could add
/// behind it: it stops before the oldest running transaction, so a reader that keeps its last position misses nothing.
/// </summary>
public sealed class ChangeLogStore(NpgsqlDataSource db)
{
    public async Task<ChangePage> PageAsync(ChangePosition after, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition($"""
            select c.id, c.tx::text as tx, c.job_id, j.source_id, j.external_id, c.changed_at, {ChangeKinds.Sql("c")} as kind,
                   c.field, c.old_value, c.new_value, c.reason
            from job_changes c join jobs j on j.id = c.job_id
            where (c.tx, c.id) > (@tx::xid8, @id) and c.tx < pg_snapshot_xmin(pg_current_snapshot())
            order by c.tx, c.id
            limit @limit
            """, new { tx = after.Tx.ToString(CultureInfo.InvariantCulture), id = after.Id, limit = limit + 1 }, cancellationToken: ct))).AsList();
        var items = rows.Take(limit).Select(r => new ChangeEntry(r.Id, r.JobId, r.SourceId, r.ExternalId, r.ChangedAt, r.Kind, r.Field, r.OldValue,
            r.NewValue, r.Reason) { Tx = ulong.Parse(r.Tx, CultureInfo.InvariantCulture) }).ToList();
        var next = items.Count == 0 ? after : new ChangePosition(items[^1].Tx, items[^1].Id);
        return new ChangePage(items, next, rows.Count > limit);
    }

    sealed class Row
    {
        public long Id { get; set; }
        public string Tx { get; set; } = "";
        public long JobId { get; set; }
        public string SourceId { get; set; } = "";
        public string ExternalId { get; set; } = "";
        public DateTimeOffset ChangedAt { get; set; }
        public string Kind { get; set; } = "";
        public string Field { get; set; } = "";
        public string? OldValue { get; set; }
        public string? NewValue { get; set; }
        public string? Reason { get; set; }
    }
}
