using System.Text.Json;
using Aggregator.Postings;
using Aggregator.Sources.Fetching;
using Dapper;
using Npgsql;

namespace Aggregator.Sources;

public sealed record SourceHealth(
    string Id, string Name, string Platform, bool Enabled, string JurisdictionName, string Level, string Country, string? Region,
    string Homepage, string Schedule, DateTimeOffset? LastRunAt, DateTimeOffset? LastSuccessAt, int ConsecutiveFailures, string? LastError,
    int OpenJobs, string? DisabledReason);

/// <summary>A source as a page names it: its id and name, and the jurisdiction it belongs to.</summary>
public sealed record SourceName(string Id, string Name, long JurisdictionId, string JurisdictionName, string Country);

/// <summary>A jurisdiction as a filter names it: id, name and slug, and how many sources it has.</summary>
public sealed record JurisdictionName(long Id, string Name, string Slug, int Sources);

public sealed record Jurisdiction(long Id, string Name, string Level, string Country, string? Region, long? ParentId, int Sources, int OpenJobs);

/// <summary>All SQL on <c>jurisdictions</c>, <c>sources</c> and <c>source_http_cache</c>.</summary>
public sealed class SourceStore(NpgsqlDataSource db)
{
    /// <summary>
    /// Makes the database agree with the definition files (jurisdictions and sources are upserted, never deleted).
    /// A <c>jurisdiction.parent</c> is found by name in the same country. When no definition has it as its own
    /// jurisdiction it is created with the child's level and region, which its own definition corrects if one comes.
    /// </summary>
    public async Task SyncAsync(IEnumerable<SourceDefinition> definitions, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var d in definitions)
        {
            var j = d.Jurisdiction;
            var region = string.IsNullOrEmpty(j.Region) ? null : j.Region;
            long? parentId = string.IsNullOrWhiteSpace(j.Parent) || j.Parent == j.Name ? null
                : await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                    with created as (
                        insert into jurisdictions (name, level, country, region) values (@Parent, @Level, @Country, @region)
                        on conflict (country, name) do nothing
                        returning id
                    )
                    select id from created
                    union all
                    select id from jurisdictions where country = @Country and name = @Parent
                    limit 1
                    """, new { j.Parent, j.Level, j.Country, region }, tx, cancellationToken: ct));
            var jurisdictionId = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                insert into jurisdictions (name, level, country, region, parent_id) values (@Name, @Level, @Country, @region, @parentId)
                on conflict (country, name) do update set level = excluded.level, region = excluded.region, parent_id = excluded.parent_id
                returning id
                """, new { j.Name, j.Level, j.Country, region, parentId }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition("""
                insert into sources (id, jurisdiction_id, name, platform, settings, schedule, enabled, disabled_reason, homepage, owner, access, terms)
                values (@Id, @jurisdictionId, @Name, @platform, @settings::jsonb, @schedule, @Enabled, @disabledReason, @Homepage, @Owner, @Access, @Terms)
                on conflict (id) do update set jurisdiction_id = excluded.jurisdiction_id, name = excluded.name, platform = excluded.platform,
                    settings = excluded.settings, schedule = excluded.schedule, enabled = excluded.enabled, disabled_reason = excluded.disabled_reason,
                    homepage = excluded.homepage, owner = excluded.owner, access = excluded.access, terms = excluded.terms, updated_at = now()
                """, new
            {
                d.Id, jurisdictionId, d.Name, platform = d.Platform.Name,
                settings = JsonSerializer.Serialize(d.Platform.Settings, d.Platform.Settings!.GetType(), settingsJson),
                schedule = DefinitionLoader.EffectiveSchedule(d), d.Enabled, disabledReason = d.Enabled ? null : d.DisabledReason,
                d.Homepage, d.Owner, d.Access, d.Terms,
            }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
    }

    static readonly JsonSerializerOptions settingsJson = new(JsonSerializerDefaults.Web);

    // Open jobs are counted in one pass over jobs, grouped, not once per source or jurisdiction: with 11,000 open jobs
    // and 40 jurisdictions the per-row subqueries took a second.
    public async Task<IReadOnlyList<SourceHealth>> ListAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<SourceHealth>(new CommandDefinition("""
            with open_jobs as (select source_id, count(*)::int as n from jobs where closed_at is null group by source_id)
            select s.id, s.name, s.platform, s.enabled, j.name as jurisdiction_name, j.level, j.country, j.region, s.homepage, s.schedule,
                   s.last_run_at, s.last_success_at, s.consecutive_failures, s.last_error, coalesce(o.n, 0) as open_jobs, s.disabled_reason
            from sources s join jurisdictions j on j.id = s.jurisdiction_id left join open_jobs o on o.source_id = s.id
            order by s.id
            """, cancellationToken: ct))).AsList();
    }

    public async Task<IReadOnlyList<Jurisdiction>> JurisdictionsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<Jurisdiction>(new CommandDefinition("""
            with open_jobs as (
                select s.jurisdiction_id, count(*)::int as n
                from jobs join sources s on s.id = jobs.source_id
                where jobs.closed_at is null
                group by s.jurisdiction_id),
            source_counts as (select jurisdiction_id, count(*)::int as n from sources group by jurisdiction_id)
            select j.id, j.name, j.level, j.country, j.region, j.parent_id, coalesce(c.n, 0) as sources, coalesce(o.n, 0) as open_jobs
            from jurisdictions j left join source_counts c on c.jurisdiction_id = j.id left join open_jobs o on o.jurisdiction_id = j.id
            order by j.country, j.name
            """, cancellationToken: ct))).AsList();
    }

    /// <summary>Every jurisdiction's id and name and how many sources it has: what resolving a slug needs, without counting jobs.</summary>
    public async Task<IReadOnlyList<JurisdictionName>> JurisdictionNamesAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long Id, string Name, int Sources)>(new CommandDefinition("""
            select j.id, j.name, count(s.id)::int as sources
            from jurisdictions j left join sources s on s.jurisdiction_id = j.id
            group by j.id
            order by j.country, j.name
            """, cancellationToken: ct));
        return [.. rows.Select(r => new JurisdictionName(r.Id, r.Name, Slug.Of(r.Name), r.Sources))];
    }

    /// <summary>Every source's name and jurisdiction, without counting jobs: what labelling a facet needs.</summary>
    public async Task<IReadOnlyList<SourceName>> SourceNamesAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<SourceName>(new CommandDefinition("""
            select s.id, s.name, j.id as jurisdiction_id, j.name as jurisdiction_name, j.country
            from sources s join jurisdictions j on j.id = s.jurisdiction_id
            order by s.id
            """, cancellationToken: ct))).AsList();
    }

    public async Task<IReadOnlyList<string>> KnownSourceIdsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<string>(new CommandDefinition(
            "select id from sources where id = any(@ids)", new { ids = ids.ToArray() }, cancellationToken: ct))).AsList();
    }

    public async Task RecordOutcomeAsync(string sourceId, DateTimeOffset at, string? error, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(error is null
            ? "update sources set last_run_at = @at, last_success_at = @at, consecutive_failures = 0, last_error = null where id = @sourceId"
            : "update sources set last_run_at = @at, consecutive_failures = consecutive_failures + 1, last_error = @error where id = @sourceId",
            new { sourceId, at, error }, cancellationToken: ct));
    }

    /// <summary>
    /// Remembers that a run started at <paramref name="at"/> read the source, and the ttl it stated (or, for a run that got
    /// only <c>304</c>s and so no ttl, the one stated before).
    /// </summary>
    public async Task RecordFeedReadAsync(string sourceId, DateTimeOffset at, TimeSpan? ttl, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "update sources set feed_read_at = @at, feed_ttl = coalesce(@seconds * interval '1 second', feed_ttl) where id = @sourceId",
            new { sourceId, at, seconds = ttl?.TotalSeconds }, cancellationToken: ct));
    }

    /// <summary>When the source was last read and the ttl it asked for; null when it never stated one.</summary>
    public async Task<(DateTimeOffset ReadAt, TimeSpan Ttl)?> FeedTtlAsync(string sourceId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(DateTimeOffset? ReadAt, double? Seconds)>(new CommandDefinition(
            "select feed_read_at, extract(epoch from feed_ttl)::float8 from sources where id = @sourceId", new { sourceId }, cancellationToken: ct));
        return row is { ReadAt: { } readAt, Seconds: { } seconds } ? (readAt, TimeSpan.FromSeconds(seconds)) : null;
    }

    public async Task<Dictionary<string, Validators>> ValidatorsAsync(string sourceId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Url, string? ETag, string? LastModified)>(new CommandDefinition(
            "select url, etag, last_modified from source_http_cache where source_id = @sourceId", new { sourceId }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Url, r => new Validators(r.ETag, r.LastModified), StringComparer.Ordinal);
    }

    public async Task SaveValidatorsAsync(string sourceId, IReadOnlyDictionary<string, Validators> validators, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var (url, v) in validators)
            await conn.ExecuteAsync(new CommandDefinition("""
                insert into source_http_cache (source_id, url, etag, last_modified) values (@sourceId, @url, @ETag, @LastModified)
                on conflict (source_id, url) do update set etag = excluded.etag, last_modified = excluded.last_modified, updated_at = now()
                """, new { sourceId, url, v.ETag, v.LastModified }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
