using Aggregator.Postings;
using Aggregator.Search;
using Dapper;
using Npgsql;

namespace Aggregator.Trends;

/// <summary>One computed cell: a period (by its start), a group value (null when ungrouped or not stated), the value and its base.</summary>
/// <param name="N">How many it rests on: the count itself, or the denominator, or the sample of a percentile.</param>
/// <param name="Open">For days open: the cohort's openings still open (censored); else null.</param>
public sealed record TrendCell(DateOnly Period, string? Group, string? Label, double? Value, long N, long? Open);

/// <summary>
/// All SQL of the trends. The postings are the job query's (the search's own filters, so a trend and a search with the
/// same filters read the same jobs, closed ones included), one row per job and group value; every metric counts
/// openings, a duplicate group once. Periods are UTC; only periods with data come back, and the caller zero-fills.
/// </summary>
public sealed class TrendStore(NpgsqlDataSource db, JobSearchStore search)
{
    public async Task<IReadOnlyList<TrendCell>> CellsAsync(TrendRequest request, CancellationToken ct)
    {
        var spans = request.Spans();
        var p = new DynamicParameters();
        p.Add("rangeStart", Utc(spans[0].Start));
        p.Add("rangeEnd", Utc(spans[^1].End));
        p.Add("currency", request.Currency);
        var unit = request.Period switch
        {
            TrendPeriod.Week => "week",
            TrendPeriod.Quarter => "quarter",
            TrendPeriod.Year => "year",
            _ => "month",
        };
        var step = request.Period switch
        {
            TrendPeriod.Week => "1 week",
            TrendPeriod.Quarter => "3 months",
            TrendPeriod.Year => "1 year",
            _ => "1 month",
        };
        string Bucket(string instant) => $"date_trunc('{unit}', {instant} at time zone 'UTC')::date";

        var mode = request.Filters.Q is null ? SearchMode.None : SearchMode.FullText;
        var where = search.Filters(request.Filters, mode, p, "j");
        // Metrics that place postings by posting date read only the range (the jobs_posting_date index).
        if (request.Metric.Basis.StartsWith("openings by posting date", StringComparison.Ordinal))
            where.Add("coalesce(j.posted_at, j.first_seen_at) >= @rangeStart and coalesce(j.posted_at, j.first_seen_at) < @rangeEnd");
        if (request.Metric.Slug == "active")
            where.Add("j.first_seen_at < @rangeEnd and (j.closed_at is null or j.closed_at > @rangeStart)");
        var (groupJoin, groupKey, groupLabel) = Group(request.GroupBy);
        var matched = $"""
            matched as (
                select j.id, coalesce(j.dedup_group, j.id) as opening, coalesce(j.posted_at, j.first_seen_at) as posted_on, j.first_seen_at,
                       j.closed_at, j.closing_at, j.dedup_key, j.workplace, j.salary_currency, j.salary_annual_min, j.salary_annual_max,
                       {groupKey} as key, {groupLabel} as label
                from jobs j {groupJoin}
                where {string.Join(" and ", where)}
            ),
            reps as (
                -- One row per opening and group: its lowest job stands for it.
                select distinct on (m.opening, m.key) m.* from matched m order by m.opening, m.key, m.id
            )
            """;
        const string Closes = "c.field = 'closed_at' and c.new_value is not null and c.changed_at >= @rangeStart and c.changed_at < @rangeEnd";
        var body = request.Metric.Slug switch
        {
            "new" => $"""
                select {Bucket("r.posted_on")} as period, r.key, r.label, count(*)::float8 as value, count(*) as n
                from reps r group by 1, 2, 3
                """,
            "active" => $"""
                , intervals as ({JobIntervals.Of("(select distinct id, first_seen_at, closed_at from matched)")})
                select x.period, x.key, x.label, count(*)::float8 as value, count(*) as n
                from (
                    select distinct s.period, m.key, m.label, m.opening
                    from intervals i join matched m on m.id = i.job_id
                    cross join lateral generate_series(
                        date_trunc('{unit}', greatest(i.opened_at, @rangeStart) at time zone 'UTC'),
                        date_trunc('{unit}', (least(coalesce(i.closed_at, @rangeEnd), @rangeEnd) at time zone 'UTC') - interval '1 microsecond'),
                        interval '{step}') as s(period)
                    where i.opened_at < @rangeEnd and (i.closed_at is null or i.closed_at > @rangeStart) and (i.closed_at is null or i.closed_at > i.opened_at)
                ) x
                group by 1, 2, 3
                """,
            "closed" => $"""
                select {Bucket("c.changed_at")} as period, m.key, m.label, count(distinct m.opening)::float8 as value, count(distinct m.opening) as n
                from job_changes c join matched m on m.id = c.job_id
                where {Closes}
                group by 1, 2, 3
                """,
            "days_open_p50" or "days_open_p90" => $"""
                select {Bucket("r.posted_on")} as period, r.key, r.label,
                       percentile_cont({(request.Metric.Slug == "days_open_p50" ? "0.5" : "0.9")}) within group (
                           order by greatest(0, extract(epoch from r.closed_at - r.posted_on) / 86400)) filter (where r.closed_at is not null) as value,
                       count(*) filter (where r.closed_at is not null) as n,
                       count(*) filter (where r.closed_at is null) as open
                from reps r group by 1, 2, 3
                """,
            "salary_p25" or "salary_p50" or "salary_p75" => $"""
                select {Bucket("r.posted_on")} as period, r.key, r.label,
                       percentile_cont({request.Metric.Slug[^2..]} / 100.0) within group (
                           order by (coalesce(r.salary_annual_min, r.salary_annual_max) + coalesce(r.salary_annual_max, r.salary_annual_min)) / 2)
                           filter (where r.salary_currency = @currency and coalesce(r.salary_annual_min, r.salary_annual_max) is not null) as value,
                       count(*) filter (where r.salary_currency = @currency and coalesce(r.salary_annual_min, r.salary_annual_max) is not null) as n
                from reps r group by 1, 2, 3
                """,
            "salary_stated_share" => Share("coalesce(r.salary_annual_min, r.salary_annual_max) is not null"),
            "remote_share" => Share("r.workplace = 'remote'"),
            "hybrid_share" => Share("r.workplace = 'hybrid'"),
            "early_close_rate" => $"""
                select {Bucket("c.changed_at")} as period, m.key, m.label,
                       (count(distinct m.opening) filter (where c.changed_at < m.closing_at))::float8
                           / nullif(count(distinct m.opening) filter (where m.closing_at is not null), 0) as value,
                       count(distinct m.opening) filter (where m.closing_at is not null) as n
                from job_changes c join matched m on m.id = c.job_id
                where {Closes}
                group by 1, 2, 3
                """,
            "repost_rate" => $"""
                , appearances as (
                    select m.key, m.label, m.first_seen_at as at,
                           m.dedup_key is not null and exists (
                               select 1 from jobs o join job_changes oc on oc.job_id = o.id and oc.field = 'closed_at' and oc.new_value is not null
                               where o.dedup_key = m.dedup_key and o.id <> m.id and oc.changed_at < m.first_seen_at) as repost
                    from matched m where m.first_seen_at >= @rangeStart and m.first_seen_at < @rangeEnd
                    union all
                    select m.key, m.label, c.changed_at, true
                    from job_changes c join matched m on m.id = c.job_id
                    where c.field = 'closed_at' and c.new_value is null and c.changed_at >= @rangeStart and c.changed_at < @rangeEnd
                )
                select {Bucket("a.at")} as period, a.key, a.label, avg(case when a.repost then 1.0 else 0.0 end)::float8 as value, count(*) as n
                from appearances a group by 1, 2, 3
                """,
            "duplicates_per_posting" => $"""
                select {Bucket("m.posted_on")} as period, m.key, m.label, count(distinct m.id)::float8 / count(distinct m.opening) as value,
                       count(distinct m.id) as n
                from matched m group by 1, 2, 3
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Metric.Slug, "no SQL for this metric"),
        };
        // The metrics that define more CTEs continue the with-list; the others start the final select.
        var sql = body.StartsWith(',') ? $"with {matched}{body}" : $"with {matched}\n{body}";
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(sql, p, cancellationToken: ct, commandTimeout: 300));
        return [.. rows.Where(r => r.Period >= spans[0].Start.ToDateTime(TimeOnly.MinValue) && r.Period < spans[^1].End.ToDateTime(TimeOnly.MinValue))
            .Select(r => new TrendCell(DateOnly.FromDateTime(r.Period), r.Key, r.Label, r.Value, r.N, r.Open))];

        string Share(string condition) => $"""
            select {Bucket("r.posted_on")} as period, r.key, r.label, avg(case when {condition} then 1.0 else 0.0 end)::float8 as value, count(*) as n
            from reps r group by 1, 2, 3
            """;
    }

    /// <summary>The join, key and label of a grouping. A job in several regions (or countries) counts in each, as the filters find it in each.</summary>
    static (string Join, string Key, string Label) Group(TrendGroup group) => group switch
    {
        TrendGroup.Role => ("", "j.role_category", "null::text"),
        TrendGroup.Family => ("", "nullif(j.role_family, '')", "null::text"),
        TrendGroup.Level => ("", "j.seniority", "null::text"),
        TrendGroup.Source => ("", "j.source_id", "null::text"),
        TrendGroup.Jurisdiction => ("join sources gs on gs.id = j.source_id join jurisdictions gj on gj.id = gs.jurisdiction_id", "gj.id::text", "gj.name"),
        TrendGroup.Region => (Places("region"), "g.value", "null::text"),
        TrendGroup.Country => (Places("country"), "g.value", "null::text"),
        _ => ("", "null::text", "null::text"),
    };

    /// <summary>The job's own region (or country) when its locations share one, else each its locations name; one null row when none does.</summary>
    static string Places(string field) => $"""
        cross join lateral unnest(case when j.{field} is not null then array[j.{field}]
            else coalesce((select array_agg(distinct l->>'{field}') from jsonb_array_elements(j.locations) l where l->>'{field}' is not null), array[null::text]) end) as g(value)
        """;

    static DateTimeOffset Utc(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    sealed class Row
    {
        public DateTime Period { get; set; }
        public string? Key { get; set; }
        public string? Label { get; set; }
        public double? Value { get; set; }
        public long N { get; set; }
        public long? Open { get; set; }
    }
}
