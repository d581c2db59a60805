using System.Globalization;
using Dapper;
using Npgsql;

namespace Aggregator.Postings;

public sealed record UpsertResult(int New, int Updated, int Unchanged, int Reopened);

/// <summary>Moves after every write that changes what a feed can list; <see cref="ChangedAt"/> is when it last moved.</summary>
public sealed record JobsVersion(long Version, DateTimeOffset ChangedAt);

/// <summary>
/// All SQL on <c>jobs</c> and <c>job_changes</c>. Upserts are idempotent: unchanged content moves only
/// <c>last_seen_at</c>; a changed field moves <c>updated_at</c> and leaves a row in <c>job_changes</c>.
/// Nothing is deleted; a job that vanishes is closed.
/// </summary>
public sealed class JobStore(NpgsqlDataSource db)
{
    /// <summary>The <c>job_changes.field</c> of a job's first storing.</summary>
    public const string CreatedField = "created";

    public const string SelectColumns = """
        id, source_id, external_id, url, title, organization, department, role_category, role_family, is_digital, role_evidence,
        seniority, pay_plan, grade_low, grade_high, series_codes, source_categories, locations::text as locations, location_display,
        region, country, workplace, telework_eligible, salary_min, salary_max, salary_period, salary_currency, salary_text,
        salary_annual_min, salary_annual_max, salary_method, salary_flag, employment_type, status, may_close_early, open_to_public,
        posted_at, closing_at, closing_kind, description_html, description_text, content_hash, dedup_key, dedup_group, first_seen_at,
        last_seen_at, updated_at, closed_at, close_reason
        """;

    /// <summary>
    /// Stores what a run read, in a few set-based statements whatever the number of jobs: new and edited jobs are
    /// copied into a temporary table and written from it, unchanged ones touched by id, and every change record
    /// copied in one go. Every job it saw starts its closing evidence over; a new job, or one whose URL or dedup key
    /// moved, is marked as owing a regroup (<see cref="RegroupAsync"/> pays it, even after a crash). Only edited jobs
    /// are read whole, to record what changed.
    /// </summary>
    public async Task<UpsertResult> UpsertAsync(string sourceId, IReadOnlyList<Job> jobs, DateTimeOffset now, CancellationToken ct)
    {
        if (jobs.Count == 0)
            return new UpsertResult(0, 0, 0, 0);
        // One posting per external id, as a run reads them; the last copy wins.
        jobs = [.. jobs.GroupBy(j => j.ExternalId, StringComparer.Ordinal).Select(g => g.Last())];
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        var existing = (await conn.QueryAsync<Stored>(new CommandDefinition(
            "select id, external_id, content_hash, dedup_key, closed_at from jobs where source_id = @sourceId and external_id = any(@ids) for update",
            new { sourceId, ids = jobs.Select(j => j.ExternalId).ToArray() }, tx, cancellationToken: ct)))
            .ToDictionary(j => j.ExternalId, StringComparer.Ordinal);

        var fresh = new List<Job>();
        var edited = new List<(long Id, Job Job)>();
        var unchanged = new List<(long Id, string? SourceHash)>();
        var rekeyed = new List<(long Id, string? Key)>();
        var changes = new List<JobChange>();
        foreach (var job in jobs)
        {
            if (!existing.TryGetValue(job.ExternalId, out var old))
            {
                fresh.Add(job with { FirstSeenAt = now, LastSeenAt = now, UpdatedAt = now });
                continue;
            }
            if (old.ClosedAt is not null)
                changes.Add(new JobChange(old.Id, now, "closed_at", Format(old.ClosedAt), null));
            if (old.ContentHash != job.ContentHash)
                edited.Add((old.Id, job));
            else
            {
                unchanged.Add((old.Id, job.SourceHash));
                // The key's recipe can change while the content does not (a release that keys on more fields).
                if (old.DedupKey != job.DedupKey)
                    rekeyed.Add((old.Id, job.DedupKey));
            }
        }
        var reopened = existing.Values.Where(j => j.ClosedAt is not null).Select(j => j.Id).ToArray();
        if (edited.Count > 0)
        {
            var before = (await conn.QueryAsync<Job>(new CommandDefinition($"select {SelectColumns} from jobs where id = any(@ids)",
                new { ids = edited.Select(e => e.Id).ToArray() }, tx, cancellationToken: ct))).ToDictionary(j => j.Id);
            edited = [.. edited.Select(e => (e.Id, e.Job with { FirstSeenAt = before[e.Id].FirstSeenAt, LastSeenAt = now, UpdatedAt = now }))];
            changes.AddRange(edited.SelectMany(e => Differences(before[e.Id], e.Job).Select(d => new JobChange(e.Id, now, d.Field, d.Before, d.After))));
        }

        if (reopened.Length > 0)
            await conn.ExecuteAsync(new CommandDefinition(
                "update jobs set closed_at = null, close_reason = null where id = any(@reopened)", new { reopened }, tx, cancellationToken: ct));
        if (fresh.Count > 0)
        {
            // Straight into jobs: the source's run lease keeps any other writer of these ids away, and rows locked above
            // were found, so a conflict here is a bug to fail loudly on, not a race to absorb.
            var jurisdictionId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(
                "select jurisdiction_id from sources where id = @sourceId", new { sourceId }, tx, cancellationToken: ct));
            await using (var writer = await conn.BeginBinaryImportAsync($"copy jobs ({JobCopy.Columns}, jurisdiction_id, needs_regroup) from stdin (format binary)", ct))
            {
                foreach (var job in fresh)
                {
                    await writer.StartRowAsync(ct);
                    await JobCopy.WriteAsync(writer, job, ct);
                    await JobCopy.Value(writer, jurisdictionId, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync(true, NpgsqlTypes.NpgsqlDbType.Boolean, ct);
                }
                await writer.CompleteAsync(ct);
            }
            // The creation is a change like the others (the change log starts every job's history with it).
            await conn.ExecuteAsync(new CommandDefinition($"""
                insert into job_changes (job_id, changed_at, field)
                select id, first_seen_at, '{CreatedField}' from jobs where source_id = @sourceId and external_id = any(@ids) order by id
                """, new { sourceId, ids = fresh.Select(j => j.ExternalId).ToArray() }, tx, cancellationToken: ct));
        }
        if (edited.Count > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                $"create temp table incoming on commit drop as select id, {JobCopy.Columns} from jobs limit 0", transaction: tx, cancellationToken: ct));
            await using (var writer = await conn.BeginBinaryImportAsync($"copy incoming (id, {JobCopy.Columns}) from stdin (format binary)", ct))
            {
                foreach (var (id, job) in edited)
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(id, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
                    await JobCopy.WriteAsync(writer, job, ct);
                }
                await writer.CompleteAsync(ct);
            }
            await conn.ExecuteAsync(new CommandDefinition($"""
                update jobs set ({JobCopy.Columns}) = ({string.Join(", ", JobCopy.Names.Select(c => "i." + c))}),
                    missing_runs = 0, missing_since = null,
                    needs_regroup = jobs.needs_regroup or jobs.url is distinct from i.url or jobs.dedup_key is distinct from i.dedup_key
                from incoming i
                where jobs.id = i.id
                """, transaction: tx, cancellationToken: ct));
        }
        if (unchanged.Count > 0)
            await conn.ExecuteAsync(new CommandDefinition("""
                update jobs set last_seen_at = @now, missing_runs = 0, missing_since = null, source_hash = coalesce(u.hash, jobs.source_hash)
                from unnest(@ids, @hashes) as u(id, hash)
                where jobs.id = u.id
                """, new { now, ids = unchanged.Select(u => u.Id).ToArray(), hashes = unchanged.Select(u => u.SourceHash).ToArray() }, tx, cancellationToken: ct));
        if (rekeyed.Count > 0)
            await conn.ExecuteAsync(new CommandDefinition("""
                update jobs set dedup_key = k.key, needs_regroup = true
                from unnest(@ids, @keys) as k(id, key)
                where jobs.id = k.id
                """, new { ids = rekeyed.Select(r => r.Id).ToArray(), keys = rekeyed.Select(r => r.Key).ToArray() }, tx, cancellationToken: ct));
        if (changes.Count > 0)
            await RecordAsync(conn, changes, ct);
        await tx.CommitAsync(ct);
        if (fresh.Count + edited.Count + reopened.Length + rekeyed.Count > 0)
            await BumpVersionAsync(conn);
        return new UpsertResult(fresh.Count, edited.Count, unchanged.Count, reopened.Length);
    }

    /// <summary>What the upsert compares: a stored job's identity, content hash, dedup key and whether it is closed.</summary>
    sealed record Stored(long Id, string ExternalId, string ContentHash, string? DedupKey, DateTimeOffset? ClosedAt);

    /// <summary>
    /// Marks postings as seen without touching their content (detail pages skipped): seen, so their closing evidence
    /// starts over. With no ids (every request answered 304) it touches the open jobs the last read listed, and not
    /// those it was missing: an unchanged answer repeats that absence, it does not undo it.
    /// </summary>
    public async Task<int> TouchAsync(string sourceId, IReadOnlyCollection<string>? externalIds, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return externalIds is null
            ? await conn.ExecuteAsync(new CommandDefinition(
                "update jobs set last_seen_at = @now where source_id = @sourceId and closed_at is null and missing_runs = 0", new { sourceId, now }, cancellationToken: ct))
            : await conn.ExecuteAsync(new CommandDefinition("""
                update jobs set last_seen_at = @now, missing_runs = 0, missing_since = null
                where source_id = @sourceId and external_id = any(@ids) and closed_at is null
                """, new { sourceId, now, ids = externalIds.ToArray() }, cancellationToken: ct));
    }

    /// <summary>
    /// Adds one complete run's evidence against the source's open jobs it did not see, in one statement: each counts
    /// one more missing run, and closes, with its reason, once its own closing date has passed or it has been missing
    /// from <paramref name="minimumRuns"/> runs and unseen for <paramref name="minimumTime"/>. Call only after a
    /// complete, plausible run (<c>RunVerdict.IsEvidence</c>). Returns how many closed.
    /// </summary>
    public async Task<int> CloseMissingAsync(
        string sourceId, IReadOnlyCollection<string> seen, DateTimeOffset now, int minimumRuns, TimeSpan minimumTime, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var closed = await conn.ExecuteAsync(new CommandDefinition("""
            with missed as (
                update jobs set
                    missing_runs = missing_runs + 1,
                    missing_since = coalesce(missing_since, @now),
                    closed_at = case when closing_at <= @now or (missing_runs + 1 >= @minimumRuns and last_seen_at <= @unseenSince) then @now end,
                    close_reason = case
                        when closing_at <= @now then 'closing date passed and missing from a complete run'
                        when missing_runs + 1 >= @minimumRuns and last_seen_at <= @unseenSince then
                            format('missing from %s complete runs since %s; last seen %s', missing_runs + 1,
                                to_char(coalesce(missing_since, @now) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                to_char(last_seen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
                    end
                -- A hashed set, not "<> all": a run of 20,000 postings must not compare every open job with every one seen.
                where source_id = @sourceId and closed_at is null and external_id not in (select unnest(@seen))
                returning id, closed_at, close_reason
            )
            insert into job_changes (job_id, changed_at, field, old_value, new_value, reason)
            select id, @now, 'closed_at', null, @value, close_reason from missed where closed_at is not null
            """, new { sourceId, now, seen = seen.ToArray(), minimumRuns, unseenSince = now - minimumTime, value = Format(now) },
            cancellationToken: ct));
        if (closed > 0)
            await BumpVersionAsync(conn);
        return closed;
    }

    /// <summary>
    /// Pays the regroup the source's jobs owe (new, or their URL or dedup key moved), in one transaction with clearing
    /// the debt, so a crash before or during it leaves the debt for the next run. Groups form from a shared posting URL
    /// across sources (one announcement found by two definitions; two ids of one source on one page are two jobs), or
    /// a shared dedup key (a cross-post). A group's id is its lowest job id; a job alone has no group. Jobs that left
    /// a group are regrouped with it. An empty url (a posting without a web address) groups nothing. Returns how
    /// many jobs changed group.
    /// </summary>
    public async Task<int> RegroupAsync(string sourceId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var changed = await conn.ExecuteAsync(new CommandDefinition("""
            with touched as (
                select id, url, dedup_key, dedup_group from jobs where source_id = @sourceId and needs_regroup
            ),
            -- One semi-join per way of belonging, each an index lookup: ORed IN lists become subplans that, planned on
            -- the statistics of a still empty table, rescan touched for every job (20,000 new jobs took 106 s).
            members as (
                select j.id, j.url, j.dedup_key from jobs j where j.id in (select id from touched)
                union select j.id, j.url, j.dedup_key from jobs j where j.url in (select url from touched where url <> '')
                union select j.id, j.url, j.dedup_key from jobs j where j.dedup_key in (select dedup_key from touched where dedup_key is not null)
                union select j.id, j.url, j.dedup_key from jobs j where j.dedup_group in (select dedup_group from touched where dedup_group is not null)
            ),
            by_url as (
                select url, min(id) as root from jobs where url in (select url from members) and url <> ''
                group by url having count(*) > 1 and count(*) = count(distinct source_id)
            ),
            by_key as (
                select dedup_key, min(id) as root from jobs where dedup_key in (select dedup_key from members where dedup_key is not null)
                group by dedup_key having count(*) > 1
            ),
            grouped as (
                select m.id, least(u.root, k.root) as root
                from members m left join by_url u on u.url = m.url left join by_key k on k.dedup_key = m.dedup_key
            )
            update jobs set dedup_group = g.root
            from grouped g
            where jobs.id = g.id and jobs.dedup_group is distinct from g.root
            """, new { sourceId }, tx, cancellationToken: ct, commandTimeout: 120));
        await conn.ExecuteAsync(new CommandDefinition(
            "update jobs set needs_regroup = false where source_id = @sourceId and needs_regroup", new { sourceId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        if (changed > 0)
            await BumpVersionAsync(conn);
        return changed;
    }

    /// <summary>The jobs version: what remembered feed validators are checked against (one row, read by primary key).</summary>
    public async Task<JobsVersion> VersionAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<JobsVersion>(new CommandDefinition(
            "select version, changed_at from jobs_version", cancellationToken: ct));
    }

    /// <summary>
    /// Moves the jobs version once a write that changed what feeds list has committed: a reader that sees the new
    /// version reads the new rows. Its own short statement, so concurrent runs never queue on the row for a whole upsert.
    /// </summary>
    static Task<int> BumpVersionAsync(NpgsqlConnection conn) =>
        conn.ExecuteAsync("update jobs_version set version = version + 1, changed_at = now()");

    /// <summary>The other postings of the same job (its duplicate group), for "also posted at".</summary>
    public async Task<IReadOnlyList<JobPosting>> AlsoPostedAtAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<JobPosting>(new CommandDefinition("""
            select o.id as Id, o.source_id as SourceId, o.url as Url, o.closed_at as ClosedAt
            from jobs j join jobs o on o.dedup_group = j.dedup_group and o.id <> j.id
            where j.id = @id and j.dedup_group is not null
            order by o.id
            """, new { id }, cancellationToken: ct))).AsList();
    }

    /// <summary>The open postings of these duplicate groups, in id order: "also posted at" beside each listed job.</summary>
    public async Task<IReadOnlyList<GroupPosting>> GroupPostingsAsync(IReadOnlyCollection<long> groups, CancellationToken ct)
    {
        if (groups.Count == 0)
            return [];
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<GroupPosting>(new CommandDefinition("""
            select dedup_group as "Group", id as Id, source_id as SourceId, url as Url
            from jobs
            where dedup_group = any(@groups) and closed_at is null
            order by id
            """, new { groups = groups.ToArray() }, cancellationToken: ct))).AsList();
    }

    public async Task<int> CountOpenAsync(string sourceId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*) from jobs where source_id = @sourceId and closed_at is null", new { sourceId }, cancellationToken: ct));
    }

    /// <summary>The source hash of each open job of the source that has one, by external id: what a run compares what it read with.</summary>
    public async Task<Dictionary<string, string>> SourceHashesAsync(string sourceId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string ExternalId, string Hash)>(new CommandDefinition(
            "select external_id, source_hash from jobs where source_id = @sourceId and closed_at is null and source_hash is not null",
            new { sourceId }, cancellationToken: ct));
        return rows.ToDictionary(r => r.ExternalId, r => r.Hash, StringComparer.Ordinal);
    }

    public async Task<HashSet<string>> ExternalIdsAsync(string sourceId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var ids = await conn.QueryAsync<string>(new CommandDefinition(
            "select external_id from jobs where source_id = @sourceId", new { sourceId }, cancellationToken: ct));
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every stored job, open or closed, in id order after <paramref name="afterId"/>: how reclassification pages through them.</summary>
    public async Task<IReadOnlyList<Job>> PageAsync(long afterId, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<Job>(new CommandDefinition(
            $"select {SelectColumns} from jobs where id > @afterId order by id limit @limit", new { afterId, limit }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// Writes new role labels in one transaction. A changed category is a content change: it moves <c>updated_at</c> and the
    /// content hash, and leaves a <c>role_category</c> row in <c>job_changes</c>; reworded evidence alone changes only itself.
    /// </summary>
    public async Task<int> RelabelAsync(IReadOnlyList<RoleRelabel> relabels, DateTimeOffset now, CancellationToken ct)
    {
        if (relabels.Count == 0)
            return 0;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Set-based, like the upsert: reclassifying a million stored jobs is a few statements per page, not one per job.
        var moved = relabels.Where(r => !string.Equals(r.OldCategory, r.Category, StringComparison.Ordinal)).ToList();
        var reworded = relabels.Where(r => string.Equals(r.OldCategory, r.Category, StringComparison.Ordinal)).ToList();
        if (moved.Count > 0)
            await conn.ExecuteAsync(new CommandDefinition("""
                update jobs set role_category = r.category, role_family = r.family, is_digital = r.digital, role_evidence = r.evidence,
                    content_hash = r.hash, updated_at = @now
                from unnest(@ids, @categories, @families, @digital, @evidence, @hashes) as r(id, category, family, digital, evidence, hash)
                where jobs.id = r.id
                """, new
            {
                now,
                ids = moved.Select(r => r.Id).ToArray(),
                categories = moved.Select(r => r.Category).ToArray(),
                families = moved.Select(r => r.Family).ToArray(),
                digital = moved.Select(r => r.IsDigital).ToArray(),
                evidence = moved.Select(r => r.Evidence).ToArray(),
                hashes = moved.Select(r => r.ContentHash).ToArray(),
            }, tx, cancellationToken: ct));
        if (reworded.Count > 0)
            await conn.ExecuteAsync(new CommandDefinition(
                "update jobs set role_evidence = r.evidence from unnest(@ids, @evidence) as r(id, evidence) where jobs.id = r.id",
                new { ids = reworded.Select(r => r.Id).ToArray(), evidence = reworded.Select(r => r.Evidence).ToArray() }, tx, cancellationToken: ct));
        if (moved.Count > 0)
            await RecordAsync(conn, [.. moved.Select(r => new JobChange(r.Id, now, "role_category", r.OldCategory, r.Category))], ct);
        await tx.CommitAsync(ct);
        if (moved.Count > 0)
            await BumpVersionAsync(conn);
        return relabels.Count;
    }

    public async Task<Job?> GetAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Job>(new CommandDefinition(
            $"select {SelectColumns} from jobs where id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<Job?> FindAsync(string sourceId, string externalId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Job>(new CommandDefinition(
            $"select {SelectColumns} from jobs where source_id = @sourceId and external_id = @externalId",
            new { sourceId, externalId }, cancellationToken: ct));
    }

    /// <summary>A job's history in the order it happened: its creation, then every update, close and reopening.</summary>
    public async Task<IReadOnlyList<JobChange>> ChangesAsync(long jobId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        // By time, then id: the creations of jobs stored before the change log (migration 0007) were written after their other changes.
        return (await conn.QueryAsync<JobChange>(new CommandDefinition(
            "select job_id as JobId, changed_at as ChangedAt, field as Field, old_value as OldValue, new_value as NewValue, reason as Reason from job_changes where job_id = @jobId order by changed_at, id",
            new { jobId }, cancellationToken: ct))).AsList();
    }

    static async Task RecordAsync(NpgsqlConnection conn, IReadOnlyList<JobChange> changes, CancellationToken ct)
    {
        await using var writer = await conn.BeginBinaryImportAsync(
            "copy job_changes (job_id, changed_at, field, old_value, new_value) from stdin (format binary)", ct);
        foreach (var c in changes)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(c.JobId, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
            await JobCopy.Instant(writer, c.ChangedAt, ct);
            await JobCopy.Text(writer, c.Field, ct);
            await JobCopy.Text(writer, c.OldValue, ct);
            await JobCopy.Text(writer, c.NewValue, ct);
        }
        await writer.CompleteAsync(ct);
    }

    /// <summary>The fields researchers follow; long text is compared but recorded by its hash.</summary>
    static IEnumerable<(string Field, string? Before, string? After)> Differences(Job old, Job @new)
    {
        (string, string?, string?)[] fields =
        [
            ("title", old.Title, @new.Title),
            ("url", old.Url, @new.Url),
            ("organization", old.Organization, @new.Organization),
            ("department", old.Department, @new.Department),
            ("role_category", old.RoleCategory, @new.RoleCategory),
            ("location_display", old.LocationDisplay, @new.LocationDisplay),
            ("workplace", old.Workplace, @new.Workplace),
            ("salary_min", Format(old.SalaryMin), Format(@new.SalaryMin)),
            ("salary_max", Format(old.SalaryMax), Format(@new.SalaryMax)),
            ("salary_period", old.SalaryPeriod, @new.SalaryPeriod),
            ("salary_currency", old.SalaryCurrency, @new.SalaryCurrency),
            ("grade_low", old.GradeLow, @new.GradeLow),
            ("grade_high", old.GradeHigh, @new.GradeHigh),
            ("employment_type", old.EmploymentType, @new.EmploymentType),
            ("status", old.Status, @new.Status),
            ("posted_at", Format(old.PostedAt), Format(@new.PostedAt)),
            ("closing_at", Format(old.ClosingAt), Format(@new.ClosingAt)),
            ("closing_kind", old.ClosingKind, @new.ClosingKind),
            ("series_codes", string.Join(',', old.SeriesCodes), string.Join(',', @new.SeriesCodes)),
            ("pay_plan", old.PayPlan, @new.PayPlan),
            ("telework_eligible", Format(old.TeleworkEligible), Format(@new.TeleworkEligible)),
            ("salary_text", old.SalaryText, @new.SalaryText),
            ("may_close_early", Format(old.MayCloseEarly), Format(@new.MayCloseEarly)),
            ("open_to_public", Format(old.OpenToPublic), Format(@new.OpenToPublic)),
            ("source_categories", string.Join(',', old.SourceCategories), string.Join(',', @new.SourceCategories)),
        ];
        foreach (var (field, before, after) in fields)
            if (!string.Equals(before, after, StringComparison.Ordinal))
                yield return (field, before, after);
        // PostgreSQL gives jsonb back in its own key order and spacing, so the text differs from the serializer's.
        if (!SameJson(old.Locations, @new.Locations))
            yield return ("locations", old.Locations, @new.Locations);
        if (!string.Equals(old.DescriptionHtml, @new.DescriptionHtml, StringComparison.Ordinal))
            yield return ("description", ShortHash(old.DescriptionHtml), ShortHash(@new.DescriptionHtml));
    }

    static string? ShortHash(string? text) => text is null ? null :
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];

    static bool SameJson(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal) || System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(a), System.Text.Json.Nodes.JsonNode.Parse(b));

    static string? Format(bool? value) => value switch { true => "true", false => "false", null => null };
    static string? Format(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture);
    static string? Format(DateTimeOffset? value) => value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

public sealed record JobPosting(long Id, string SourceId, string Url, DateTimeOffset? ClosedAt);

/// <summary>An open member of a duplicate group.</summary>
public sealed record GroupPosting(long Group, long Id, string SourceId, string Url);

/// <summary>A job's new role label; <see cref="ContentHash"/> is its content hash with the new category.</summary>
public sealed record RoleRelabel(long Id, string OldCategory, string Category, string Family, bool IsDigital, string Evidence, string ContentHash);

/// <param name="Reason">Why, where a change has one: a close says what evidence closed the job.</param>
public sealed record JobChange(long JobId, DateTimeOffset ChangedAt, string Field, string? OldValue, string? NewValue, string? Reason = null)
{
    /// <summary><c>created</c>, <c>updated</c> (a field), <c>closed</c> or <c>reopened</c>.</summary>
    public string Kind => ChangeKinds.Of(Field, NewValue);
}

/// <summary>What a <c>job_changes</c> row records, from its field: every reader of the history names changes the same way.</summary>
public static class ChangeKinds
{
    public static string Of(string field, string? newValue) => field switch
    {
        JobStore.CreatedField => "created",
        "closed_at" => newValue is null ? "reopened" : "closed",
        _ => "updated",
    };

    /// <summary>The same, as SQL over a <c>job_changes</c> row named <paramref name="c"/>.</summary>
    public static string Sql(string c) =>
        $"case {c}.field when '{JobStore.CreatedField}' then 'created' when 'closed_at' then case when {c}.new_value is null then 'reopened' else 'closed' end else 'updated' end";
}
