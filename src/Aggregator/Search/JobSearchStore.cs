using System.Globalization;
using System.Text.Json;
using Aggregator.Postings;
using Dapper;
using Npgsql;

namespace Aggregator.Search;

public sealed record JobPage(IReadOnlyList<Job> Items, JobCursor? Next);

public sealed record FacetCount(string? Value, int Count);

/// <param name="Exact">False when the matching set is larger than <see cref="JobSearchStore.FacetCap"/>: <paramref name="Total"/> is then
/// PostgreSQL's estimate of the set's size and each count that estimate shared out in the proportions of a sample of the set.</param>
public sealed record Facets(
    int Total, IReadOnlyList<FacetCount> Role, IReadOnlyList<FacetCount> Family, IReadOnlyList<FacetCount> Level,
    IReadOnlyList<FacetCount> Region, IReadOnlyList<FacetCount> Workplace, IReadOnlyList<FacetCount> Country, IReadOnlyList<FacetCount> Source,
    bool Exact = true);

/// <summary>
/// All SQL that searches <c>jobs</c>, for the feeds and the search API alike: one WHERE builder, keyset pages
/// on (sort key, id), and facets. Only open jobs are listed, and one job per duplicate group: the group's lowest
/// open id among the members that match stands for it (groups are filled by the dedup step; a job without a group
/// stands alone). Every filter and sort has an index over open jobs (migrations/0006) whose order a page's LIMIT can
/// stop early on, so a page reads about as many rows as it lists, however many jobs match.
/// </summary>
public sealed class JobSearchStore(ReadDataSource read, TimeProvider time)
{
    /// <summary>Jobs without a closing date sort after every dated one when sorting by closing date (jobs.closing_key).</summary>
    static readonly DateTimeOffset NoClosingDate = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Facets are counted exactly over at most this many matches: a broad query (country=US: tens of thousands of open
    /// jobs at a million) would otherwise count for tens of milliseconds for a side panel. Above the cap the answer says
    /// it is an estimate (<see cref="Facets.Exact"/>). Without q the count reads a covering index only.
    /// </summary>
    public const int FacetCap = 1000;

    /// <summary>The cap with q: a text match is found in a GIN index, which can't be read alone, so each counted match
    /// is a row read (~1–3 µs warm, much more from disk).</summary>
    public const int TextFacetCap = 250;

    /// <summary>Full-text first; when it finds nothing for q (a typo), the trigram match on titles.</summary>
    public async Task<SearchMode> ModeAsync(JobQuery query, CancellationToken ct)
    {
        if (query.Q is null)
            return SearchMode.None;
        if (query.After is not null)
            return query.After.Mode;
        var p = new DynamicParameters();
        var where = Where(query, SearchMode.FullText, p);
        await using var conn = await read.Db.OpenConnectionAsync(ct);
        var any = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"select exists (select 1 from jobs j where {string.Join(" and ", where)})", p, cancellationToken: ct));
        return any ? SearchMode.FullText : SearchMode.Trigram;
    }

    public async Task<JobPage> PageAsync(JobQuery query, SearchMode mode, CancellationToken ct)
    {
        await using var conn = await read.Db.OpenConnectionAsync(ct);
        var rows = query.Sort == JobSort.Relevance && mode == SearchMode.FullText
            ? await TieredAsync(conn, query, ct)
            : await SortedAsync(conn, query, mode, ct);
        var items = rows.Take(query.Limit).Select(r => r.Job).ToList();
        JobCursor? next = null;
        if (rows.Count > query.Limit)
        {
            var (last, rank) = rows[query.Limit - 1];
            next = new JobCursor(mode, KeyText(query.Sort, mode, last, rank), last.Id);
        }
        return new JobPage(items, next);
    }

    /// <summary>
    /// One page in the order of an indexed sort key (or, for a typo's trigram matches, by similarity). The page's ids are
    /// found first, from a covering index where the filters allow (no row is read to be rejected), then its rows are
    /// read by id.
    /// </summary>
    async Task<List<(Job Job, float Rank)>> SortedAsync(NpgsqlConnection conn, JobQuery query, SearchMode mode, CancellationToken ct)
    {
        var p = new DynamicParameters();
        var where = Where(query, mode, p);
        var (key, descending) = SortKey(query.Sort, mode);
        var direction = descending ? "desc" : "asc";
        if (query.After is { } after)
        {
            where.Add($"({key}, j.id) {(descending ? "<" : ">")} (@afterKey, @afterId)");
            p.Add("afterKey", KeyValue(query.Sort, mode, after.Key));
            p.Add("afterId", after.Id);
        }
        p.Add("limit", query.Limit + 1);
        if (query.Sort == JobSort.Relevance)
            return await ReadAsync(conn, $"""
                select {JobStore.SelectColumns}, {key} as rank
                from jobs j
                where {string.Join(" and ", where)}
                order by {key} {direction}, j.id {direction}
                limit @limit
                """, p, ct);
        return await ReadAsync(conn, ById(where, $"{key} {direction}, j.id {direction}"), p, ct);
    }

    /// <summary>The rows of a page whose ids <paramref name="where"/> and <paramref name="order"/> find, in that order.</summary>
    static string ById(IEnumerable<string> where, string order, int tier = 0) => $"""
        select {Qualified}, {tier}::real as rank
        from (select j.id from jobs j where {string.Join(" and ", where)} order by {order} limit @limit) page
        join jobs j on j.id = page.id
        order by {order}
        """;

    static readonly string Qualified = string.Join(", ", JobStore.SelectColumns.Split(',', StringSplitOptions.TrimEntries).Select(c => "j." + c));

    /// <summary>
    /// Relevance for full text: jobs whose title holds the query come first, then those that hold it only in their
    /// organization, place or description; newest first within each tier. Ranking every match (ts_rank) costs a
    /// read of every matching row's vector, tens of milliseconds for a common word at a million jobs and growing with
    /// history; the tiers keep the main signal (a title match) and read each tier in the order of the posted index,
    /// so a page costs about what it lists. The cursor names the tier it stopped in.
    /// </summary>
    async Task<List<(Job Job, float Rank)>> TieredAsync(NpgsqlConnection conn, JobQuery query, CancellationToken ct)
    {
        var after = query.After is { } cursor && KeyValue(JobSort.Relevance, SearchMode.FullText, cursor.Key) is TierKey key ? (key, cursor.Id) : ((TierKey, long)?)null;
        var rows = new List<(Job Job, float Rank)>();
        for (var tier = after?.Item1.Tier ?? 0; tier <= 1 && rows.Count <= query.Limit; tier++)
        {
            var p = new DynamicParameters();
            // Without a negation, a title that holds the query means the whole posting does: the first tier then reads
            // titles alone, from the covering index (the duplicate rule still matches members on the whole posting).
            var where = Where(query, SearchMode.FullText, p, textOnRow: tier == 1 || Negates(query.Q!));
            where.Add(tier == 0 ? "j.title_vector @@ websearch_to_tsquery('english', @q)" : "not (j.title_vector @@ websearch_to_tsquery('english', @q))");
            if (after is { } position && position.Item1.Tier == tier)
            {
                where.Add("(j.posted_key, j.id) < (@afterKey, @afterId)");
                p.Add("afterKey", position.Item1.Posted);
                p.Add("afterId", position.Item2);
            }
            p.Add("limit", query.Limit + 1 - rows.Count);
            rows.AddRange(await ReadAsync(conn, ById(where, "j.posted_key desc, j.id desc", tier), p, ct));
        }
        return rows;
    }

    /// <summary>Whether a web search query excludes a word (<c>-word</c>): then a title match no longer implies a match.</summary>
    static bool Negates(string q) => q.StartsWith('-') || q.Contains(" -", StringComparison.Ordinal);

    static async Task<List<(Job Job, float Rank)>> ReadAsync(NpgsqlConnection conn, string sql, DynamicParameters p, CancellationToken ct) =>
        (await conn.QueryAsync<Job, RankRow, (Job Job, float Rank)>(new CommandDefinition(sql, p, cancellationToken: ct),
            (job, rank) => (job, rank.Rank), splitOn: "rank")).AsList();

    /// <summary>
    /// Counts of the matching set by role, family, level, region and workplace, exact up to <see cref="FacetCap"/>
    /// (<see cref="TextFacetCap"/> with q) matches. Above it, the set's size is PostgreSQL's estimate and the counts
    /// share it out in the proportions of the cap + 1 matches read (those the cheapest index path reaches first),
    /// marked not exact.
    /// </summary>
    public async Task<Facets> FacetsAsync(JobQuery query, SearchMode mode, CancellationToken ct)
    {
        var p = new DynamicParameters();
        var where = string.Join(" and ", Where(query with { After = null }, mode, p));
        var cap = mode == SearchMode.None ? FacetCap : TextFacetCap;
        p.Add("sample", cap + 1);
        await using var conn = await read.Db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<(string Facet, string? Value, int Count)>(new CommandDefinition($"""
            select case when grouping(j.role_category) = 0 then 'role'
                        when grouping(j.role_family) = 0 then 'family'
                        when grouping(j.seniority) = 0 then 'level'
                        when grouping(j.region) = 0 then 'region'
                        when grouping(j.workplace) = 0 then 'workplace'
                        when grouping(j.country) = 0 then 'country'
                        when grouping(j.source_id) = 0 then 'source'
                        else 'total' end as facet,
                   coalesce(j.role_category, j.role_family, j.seniority, j.region, j.workplace, j.country, j.source_id) as value,
                   count(*)::int as count
            from (select j.role_category, j.role_family, j.seniority, j.region, j.workplace, j.country, j.source_id from jobs j where {where} limit @sample) j
            group by grouping sets ((j.role_category), (j.role_family), (j.seniority), (j.region), (j.workplace), (j.country), (j.source_id), ())
            order by 1, 3 desc, 2
            """, p, cancellationToken: ct))).AsList();
        var counted = rows.Where(r => r.Facet == "total").Select(r => r.Count).FirstOrDefault();
        var exact = counted <= cap;
        var total = exact ? counted : Math.Max(counted, await EstimateAsync(conn, where, p, ct));
        int Scaled(int count) => exact ? count : (int)Math.Round((double)count * total / counted);
        IReadOnlyList<FacetCount> Of(string facet) =>
            [.. rows.Where(r => r.Facet == facet).Select(r => new FacetCount(string.IsNullOrEmpty(r.Value) ? null : r.Value, Scaled(r.Count)))];
        return new Facets(total, Of("role"), Of("family"), Of("level"), Of("region"), Of("workplace"), Of("country"), Of("source"), exact);
    }

    /// <summary>The planner's row estimate for the matching set: statistics only, no rows read.</summary>
    static async Task<int> EstimateAsync(NpgsqlConnection conn, string where, DynamicParameters p, CancellationToken ct)
    {
        var plan = await conn.ExecuteScalarAsync<string>(new CommandDefinition(
            $"explain (format json) select 1 from jobs j where {where}", p, cancellationToken: ct)) ?? "[]";
        using var json = JsonDocument.Parse(plan);
        var rows = json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        return (int)Math.Min(rows, int.MaxValue);
    }

    /// <summary>
    /// The one place filters become SQL. Every value is a parameter. A duplicate group shows once, as its lowest open
    /// member among those that match the filters, so every filter finds every matching job once: picking the
    /// representative before filtering would hide a group whose lowest member fails a filter another member passes.
    /// </summary>
    /// <param name="textOnRow">False leaves q's match out of the listed row's conditions (the caller puts one that implies
    /// it); a group's members are always matched on everything.</param>
    List<string> Where(JobQuery q, SearchMode mode, DynamicParameters p, bool textOnRow = true)
    {
        var where = Filters(q, mode, p, "j", textOnRow);
        where.Add($"""
            (j.dedup_group is null or not exists (
                select 1 from jobs d where d.dedup_group = j.dedup_group{(q.OpenOn is null ? " and d.closed_at is null" : "")} and d.id < j.id
                {string.Concat(Filters(q, mode, p, "d", text: true).Select(f => " and " + f))}))
            """);
        // With open_on, "open" means open that day: its filter stands in for closed_at is null, in the group too.
        if (q.OpenOn is null)
            where.Add("j.closed_at is null");
        return where;
    }

    /// <summary>The filters as conditions on the row named <paramref name="a"/>, q's match included: the trends and
    /// exports use them on their own rows.</summary>
    public List<string> Filters(JobQuery q, SearchMode mode, DynamicParameters p, string a) => Filters(q, mode, p, a, text: true);

    /// <summary>
    /// The filters as conditions on the row named <paramref name="a"/> (the listed job, or a member of its group). One
    /// value is an equality, so the planner can read its index in the page's order; several are a set.
    /// </summary>
    List<string> Filters(JobQuery q, SearchMode mode, DynamicParameters p, string a, bool text)
    {
        var now = time.GetUtcNow();
        var where = new List<string>();
        void OneOf<T>(string column, string name, IReadOnlyList<T> values)
        {
            if (values.Count == 0)
                return;
            where.Add(values.Count == 1 ? $"{a}.{column} = @{name}" : $"{a}.{column} = any(@{name}s)");
            p.Add(values.Count == 1 ? name : name + "s", values.Count == 1 ? values[0] : (object)values.ToArray());
        }
        if (q.Digital is { } digital)
        {
            where.Add($"{a}.is_digital = @digital");
            p.Add("digital", digital);
        }
        OneOf("role_category", "role", q.Roles);
        OneOf("role_family", "family", q.Families);
        OneOf("seniority", "level", q.Levels);
        OneOf("jurisdiction_id", "jurisdiction", q.JurisdictionIds);
        OneOf("source_id", "source", q.Sources);
        // A multi-location job has no single region or country; regions and countries hold its own and every location's.
        if (q.Regions.Count > 0)
        {
            where.Add($"{a}.regions && @regions");
            p.Add("regions", q.Regions.ToArray());
        }
        if (q.Countries.Count > 0)
        {
            where.Add($"{a}.countries && @countries");
            p.Add("countries", q.Countries.ToArray());
        }
        OneOf("workplace", "workplace", q.Workplaces);
        if (q.NotRemote)
            where.Add($"{a}.workplace is distinct from 'remote'");
        if (q.SalaryMin is { } salaryMin)
        {
            // The top of the posted range: a job that can pay the asked amount matches. salary_key is -1 without one. The
            // band (tens of thousands) is what the text indexes hold (migrations/0014): implied by the exact condition,
            // it lets a text query intersect its salary floor inside the index.
            where.Add($"{a}.salary_key >= @salaryMin and floor({a}.salary_key / 10000)::int >= @salaryBand");
            p.Add("salaryMin", salaryMin);
            p.Add("salaryBand", (int)Math.Floor(Math.Clamp(salaryMin, -1m, int.MaxValue * 10_000m) / 10_000m));
        }
        if (q.PostedWithin is { } postedWithin)
        {
            where.Add($"{a}.posted_key >= @postedSince");
            p.Add("postedSince", now.AddDays(-postedWithin));
        }
        if (q.ClosingWithin is { } closingWithin)
        {
            where.Add($"{a}.closing_key >= @now and {a}.closing_key < @closingBefore");
            p.Add("closingBefore", now.AddDays(closingWithin));
        }
        if (q.WithClosingDate)
            where.Add($"{a}.closing_at is not null");
        if (q.Continuous is { } continuous)
            where.Add(continuous ? $"{a}.closing_kind = 'continuous'" : $"{a}.closing_kind <> 'continuous'");
        if (q.OpenToPublic is { } open)
            where.Add(open ? $"{a}.open_to_public is not false" : $"{a}.open_to_public = false");
        if (q.OpenOn is { } day)
        {
            where.Add(JobIntervals.OpenDuring(a, "@openOnStart", "@openOnEnd"));
            p.Add("openOnStart", new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            p.Add("openOnEnd", new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        }
        p.Add("now", now);
        if (q.Q is { } words && mode != SearchMode.None)
        {
            p.Add("q", words);
            if (!text)
                return where;
            where.Add(mode == SearchMode.FullText
                ? $"{a}.search_vector @@ websearch_to_tsquery('english', @q)"
                : $"({a}.title % @q or @q <% {a}.title)");
        }
        return where;
    }

    const string TrigramRank = "greatest(similarity(j.title, @q), word_similarity(@q, j.title))";

    static (string Sql, bool Descending) SortKey(JobSort sort, SearchMode mode) => sort switch
    {
        JobSort.Relevance when mode == SearchMode.Trigram => (TrigramRank, true),
        JobSort.Closing => ("j.closing_key", false),
        JobSort.Salary => ("j.salary_key", true),
        _ => ("j.posted_key", true),
    };

    static string KeyText(JobSort sort, SearchMode mode, Job job, float rank) => sort switch
    {
        JobSort.Relevance when mode == SearchMode.FullText =>
            string.Create(CultureInfo.InvariantCulture, $"{rank:0}:{(job.PostedAt ?? job.FirstSeenAt).UtcTicks}"),
        JobSort.Relevance => rank.ToString("R", CultureInfo.InvariantCulture),
        JobSort.Closing => (job.ClosingAt ?? NoClosingDate).UtcTicks.ToString(CultureInfo.InvariantCulture),
        JobSort.Salary => (job.SalaryAnnualMax ?? job.SalaryAnnualMin ?? -1m).ToString(CultureInfo.InvariantCulture),
        _ => (job.PostedAt ?? job.FirstSeenAt).UtcTicks.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A full-text relevance position: the tier (0: the title matches) and the posted time within it.</summary>
    sealed record TierKey(int Tier, DateTimeOffset Posted);

    /// <summary>The typed value of a cursor key, or null when it is not one for this sort and way of matching.</summary>
    public static object? KeyValue(JobSort sort, SearchMode mode, string key) => sort switch
    {
        JobSort.Relevance when mode == SearchMode.FullText => key.Split(':') is [var tier and ("0" or "1"), var ticks] && Ticks(ticks) is { } posted
            ? new TierKey(tier[0] - '0', posted) : null,
        JobSort.Relevance => float.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var rank) && float.IsFinite(rank) ? rank : null,
        JobSort.Salary => decimal.TryParse(key, NumberStyles.Number, CultureInfo.InvariantCulture, out var salary) ? salary : null,
        _ => Ticks(key),
    };

    static DateTimeOffset? Ticks(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    sealed class RankRow
    {
        public float Rank { get; set; }
    }
}
