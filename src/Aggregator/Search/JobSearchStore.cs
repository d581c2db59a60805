using System.Globalization;
using Aggregator.Postings;
using Dapper;

namespace Aggregator.Search;

public sealed record JobPage(IReadOnlyList<Job> Items, JobCursor? Next);

/// <summary>What a conditional GET compares: the matching open set's size, id sum and newest change, and the newest closing.</summary>
public sealed record ResultState(long Count, long IdSum, DateTimeOffset? Updated, DateTimeOffset? LastClosed)
{
    public DateTimeOffset? LastModified => Updated is null ? LastClosed : LastClosed is null || Updated > LastClosed ? Updated : LastClosed;
}

public sealed record FacetCount(string? Value, int Count);

public sealed record Facets(
    int Total, IReadOnlyList<FacetCount> Role, IReadOnlyList<FacetCount> Family, IReadOnlyList<FacetCount> Level,
    IReadOnlyList<FacetCount> Region, IReadOnlyList<FacetCount> Workplace);

/// <summary>
/// All SQL that searches <c>jobs</c>, for the feeds and the search API alike: one WHERE builder, keyset pages
/// on (sort key, id), facets and the validators of conditional GET. Only open jobs are listed, and one job per
/// duplicate group: the group's lowest open id among the members that match stands for it (groups are filled by
/// the dedup step; a job without a group stands alone).
/// </summary>
public sealed class JobSearchStore(ReadDataSource read, TimeProvider time)
{
    /// <summary>Jobs without a closing date sort after every dated one when sorting by closing date.</summary>
    static readonly DateTimeOffset NoClosingDate = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Full-text first; when it finds nothing for q (a typo), the trigram match on titles.</summary>
    public async Task<SearchMode> ModeAsync(JobQuery query, CancellationToken ct)
    {
        if (query.Q is null)
            return SearchMode.None;
        if (query.After is not null)
            return query.After.Mode;
        var p = new DynamicParameters();
        var where = Where(query, SearchMode.FullText, p, includeClosed: false, keyset: false);
        await using var conn = await read.Db.OpenConnectionAsync(ct);
        var any = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"select exists (select 1 from jobs j where {string.Join(" and ", where)})", p, cancellationToken: ct));
        return any ? SearchMode.FullText : SearchMode.Trigram;
    }

    public async Task<JobPage> PageAsync(JobQuery query, SearchMode mode, CancellationToken ct)
    {
        var p = new DynamicParameters();
        var where = Where(query, mode, p, includeClosed: false, keyset: true);
        var (key, descending) = SortKey(query.Sort, mode);
        var direction = descending ? "desc" : "asc";
        p.Add("limit", query.Limit + 1);
        await using var conn = await read.Db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Job, RankRow, (Job Job, float Rank)>(new CommandDefinition($"""
            select {JobStore.SelectColumns}, {(query.Sort == JobSort.Relevance ? key : "0::real")} as rank
            from jobs j
            where {string.Join(" and ", where)}
            order by {key} {direction}, j.id {direction}
            limit @limit
            """, p, cancellationToken: ct), (job, rank) => (job, rank.Rank), splitOn: "rank")).AsList();
        var items = rows.Take(query.Limit).Select(r => r.Job).ToList();
        JobCursor? next = null;
        if (rows.Count > query.Limit)
        {
            var (last, rank) = rows[query.Limit - 1];
            next = new JobCursor(mode, KeyText(query.Sort, last, rank), last.Id);
        }
        return new JobPage(items, next);
    }

    public async Task<ResultState> StateAsync(JobQuery query, SearchMode mode, CancellationToken ct)
    {
        var p = new DynamicParameters();
        var where = Where(query with { After = null }, mode, p, includeClosed: true, keyset: false);
        await using var conn = await read.Db.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<ResultState>(new CommandDefinition($"""
            select count(*) filter (where j.closed_at is null) as count,
                   coalesce(sum(j.id) filter (where j.closed_at is null), 0)::bigint as id_sum,
                   max(j.updated_at) filter (where j.closed_at is null) as updated,
                   max(j.closed_at) as last_closed
            from jobs j
            where {string.Join(" and ", where)}
            """, p, cancellationToken: ct));
    }

    public async Task<Facets> FacetsAsync(JobQuery query, SearchMode mode, CancellationToken ct)
    {
        var p = new DynamicParameters();
        var where = Where(query with { After = null }, mode, p, includeClosed: false, keyset: false);
        await using var conn = await read.Db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<(string Facet, string? Value, int Count)>(new CommandDefinition($"""
            select case when grouping(j.role_category) = 0 then 'role'
                        when grouping(j.role_family) = 0 then 'family'
                        when grouping(j.seniority) = 0 then 'level'
                        when grouping(j.region) = 0 then 'region'
                        when grouping(j.workplace) = 0 then 'workplace'
                        else 'total' end as facet,
                   coalesce(j.role_category, j.role_family, j.seniority, j.region, j.workplace) as value,
                   count(*)::int as count
            from jobs j
            where {string.Join(" and ", where)}
            group by grouping sets ((j.role_category), (j.role_family), (j.seniority), (j.region), (j.workplace), ())
            order by 1, 3 desc, 2
            """, p, cancellationToken: ct))).AsList();
        IReadOnlyList<FacetCount> Of(string facet) =>
            [.. rows.Where(r => r.Facet == facet).Select(r => new FacetCount(string.IsNullOrEmpty(r.Value) ? null : r.Value, r.Count))];
        return new Facets(rows.Where(r => r.Facet == "total").Select(r => r.Count).FirstOrDefault(),
            Of("role"), Of("family"), Of("level"), Of("region"), Of("workplace"));
    }

    /// <summary>
    /// The one place filters become SQL. Every value is a parameter. A duplicate group shows once, as its lowest open
    /// member among those that match the filters, so every filter finds every matching job once: picking the
    /// representative before filtering would hide a group whose lowest member fails a filter another member passes.
    /// </summary>
    List<string> Where(JobQuery q, SearchMode mode, DynamicParameters p, bool includeClosed, bool keyset)
    {
        var where = Filters(q, mode, p, "j");
        where.Add($"""
            (j.dedup_group is null or not exists (
                select 1 from jobs d where d.dedup_group = j.dedup_group and d.closed_at is null and d.id < j.id
                {string.Concat(Filters(q, mode, p, "d").Select(f => " and " + f))}))
            """);
        if (!includeClosed)
            where.Add("j.closed_at is null");
        if (keyset && q.After is { } after)
        {
            var (key, descending) = SortKey(q.Sort, mode);
            where.Add($"({key}, j.id) {(descending ? "<" : ">")} (@afterKey, @afterId)");
            p.Add("afterKey", KeyValue(q.Sort, after.Key));
            p.Add("afterId", after.Id);
        }
        return where;
    }

    /// <summary>The filters as conditions on the row named <paramref name="a"/> (the listed job, or a member of its group).</summary>
    List<string> Filters(JobQuery q, SearchMode mode, DynamicParameters p, string a)
    {
        var now = time.GetUtcNow();
        var where = new List<string>();
        if (q.Digital is { } digital)
        {
            where.Add($"{a}.is_digital = @digital");
            p.Add("digital", digital);
        }
        if (q.Roles.Count > 0)
        {
            where.Add($"{a}.role_category = any(@roles)");
            p.Add("roles", q.Roles.ToArray());
        }
        if (q.Families.Count > 0)
        {
            where.Add($"{a}.role_family = any(@families)");
            p.Add("families", q.Families.ToArray());
        }
        if (q.Levels.Count > 0)
        {
            where.Add($"{a}.seniority = any(@levels)");
            p.Add("levels", q.Levels.ToArray());
        }
        if (q.JurisdictionIds.Count > 0)
        {
            where.Add($"{a}.source_id in (select s.id from sources s where s.jurisdiction_id = any(@jurisdictionIds))");
            p.Add("jurisdictionIds", q.JurisdictionIds.ToArray());
        }
        if (q.Sources.Count > 0)
        {
            where.Add($"{a}.source_id = any(@sources)");
            p.Add("sources", q.Sources.ToArray());
        }
        // A multi-location job has no single region or country; any of its locations matches.
        if (q.Regions.Count > 0)
        {
            where.Add($"({a}.region = any(@regions) or exists (select 1 from jsonb_array_elements({a}.locations) l where l->>'region' = any(@regions)))");
            p.Add("regions", q.Regions.ToArray());
        }
        if (q.Countries.Count > 0)
        {
            where.Add($"({a}.country = any(@countries) or exists (select 1 from jsonb_array_elements({a}.locations) l where l->>'country' = any(@countries)))");
            p.Add("countries", q.Countries.ToArray());
        }
        if (q.Workplaces.Count > 0)
        {
            where.Add($"{a}.workplace = any(@workplaces)");
            p.Add("workplaces", q.Workplaces.ToArray());
        }
        if (q.NotRemote)
            where.Add($"{a}.workplace is distinct from 'remote'");
        if (q.SalaryMin is { } salaryMin)
        {
            // The top of the posted range: a job that can pay the asked amount matches.
            where.Add($"coalesce({a}.salary_annual_max, {a}.salary_annual_min) >= @salaryMin");
            p.Add("salaryMin", salaryMin);
        }
        if (q.PostedWithin is { } postedWithin)
        {
            where.Add($"coalesce({a}.posted_at, {a}.first_seen_at) >= @postedSince");
            p.Add("postedSince", now.AddDays(-postedWithin));
        }
        if (q.ClosingWithin is { } closingWithin)
        {
            where.Add($"{a}.closing_at >= @now and {a}.closing_at < @closingBefore");
            p.Add("closingBefore", now.AddDays(closingWithin));
        }
        if (q.WithClosingDate)
            where.Add($"{a}.closing_at is not null");
        p.Add("now", now);
        if (q.Q is { } text && mode != SearchMode.None)
        {
            where.Add(mode == SearchMode.FullText
                ? $"{a}.search_vector @@ websearch_to_tsquery('english', @q)"
                : $"({a}.title % @q or @q <% {a}.title)");
            p.Add("q", text);
        }
        return where;
    }

    // Title matches rank first: the vector weights title A, and these weights (D, C, B, A) make A count most.
    const string FullTextRank = "ts_rank('{0.02, 0.1, 0.3, 1.0}', j.search_vector, websearch_to_tsquery('english', @q))";
    const string TrigramRank = "greatest(similarity(j.title, @q), word_similarity(@q, j.title))";

    static (string Sql, bool Descending) SortKey(JobSort sort, SearchMode mode) => sort switch
    {
        JobSort.Relevance when mode == SearchMode.FullText => (FullTextRank, true),
        JobSort.Relevance when mode == SearchMode.Trigram => (TrigramRank, true),
        JobSort.Closing => ("coalesce(j.closing_at, '9999-12-31T00:00:00Z'::timestamptz)", false),
        JobSort.Salary => ("coalesce(j.salary_annual_max, j.salary_annual_min, -1)", true),
        _ => ("coalesce(j.posted_at, j.first_seen_at)", true),
    };

    static string KeyText(JobSort sort, Job job, float rank) => sort switch
    {
        JobSort.Relevance => rank.ToString("R", CultureInfo.InvariantCulture),
        JobSort.Closing => (job.ClosingAt ?? NoClosingDate).UtcTicks.ToString(CultureInfo.InvariantCulture),
        JobSort.Salary => (job.SalaryAnnualMax ?? job.SalaryAnnualMin ?? -1m).ToString(CultureInfo.InvariantCulture),
        _ => (job.PostedAt ?? job.FirstSeenAt).UtcTicks.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The typed value of a cursor key, or null when it is not one for this sort.</summary>
    public static object? KeyValue(JobSort sort, string key) => sort switch
    {
        JobSort.Relevance => float.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var rank) && float.IsFinite(rank) ? rank : null,
        JobSort.Salary => decimal.TryParse(key, NumberStyles.Number, CultureInfo.InvariantCulture, out var salary) ? salary : null,
        _ => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
    };

    sealed class RankRow
    {
        public float Rank { get; set; }
    }
}
