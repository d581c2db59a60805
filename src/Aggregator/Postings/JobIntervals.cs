namespace Aggregator.Postings;

/// <summary>
/// When a job was open, as we knew it: from <c>first_seen_at</c> until its first close, and again from each reopening until
/// the close after it (closes and reopenings are the <c>closed_at</c> rows of <c>job_changes</c>). Point-in-time search
/// (<c>open_on</c>) and the trends' active postings both read history this way, so they agree on every job.
/// </summary>
public static class JobIntervals
{
    /// <summary>
    /// A condition on the jobs row <paramref name="a"/>: open at some moment of [<paramref name="start"/>, <paramref name="end"/>)
    /// (SQL expressions, normally parameters). Most jobs were never reopened, and for them <c>first_seen_at</c> and <c>closed_at</c>
    /// decide; only a job reopened after the end reads its earlier history (the last close or reopening by the start, or a
    /// reopening within). The reopenings after the end are one hashed set, so the common case costs no lookup per row.
    /// </summary>
    public static string OpenDuring(string a, string start, string end) => $"""
        ({a}.first_seen_at < {end} and ({a}.closed_at is null or {a}.closed_at > {start})
         and ({a}.id not in (select r.job_id from job_changes r where r.field = 'closed_at' and r.new_value is null and r.changed_at >= {end})
              or {a}.first_seen_at > {start}
              or coalesce((select c.new_value is null from job_changes c
                           where c.job_id = {a}.id and c.field = 'closed_at' and c.changed_at <= {start}
                           order by c.changed_at desc, c.id desc limit 1), true)
              or exists (select 1 from job_changes c
                         where c.job_id = {a}.id and c.field = 'closed_at' and c.new_value is null and c.changed_at > {start} and c.changed_at < {end})))
        """;

    /// <summary>
    /// Every open interval (<c>job_id</c>, <c>opened_at</c>, <c>closed_at</c>; <c>closed_at</c> null while it lasts) of the jobs
    /// selected by <paramref name="jobs"/>, a query or CTE name whose rows have <c>id</c>, <c>first_seen_at</c> and
    /// <c>closed_at</c>. A job never reopened has one interval; a reopened one has one per opening, read from its history.
    /// </summary>
    public static string Of(string jobs) => $"""
        select m.id as job_id, m.first_seen_at as opened_at, m.closed_at
        from {jobs} m
        where m.id not in (select r.job_id from job_changes r where r.field = 'closed_at' and r.new_value is null)
        union all
        select e.job_id, e.at as opened_at, e.next_at as closed_at
        from (
            select x.job_id, x.at, x.opens, lead(x.at) over (partition by x.job_id order by x.at, x.seq) as next_at
            from (
                select m.id as job_id, m.first_seen_at as at, 0::bigint as seq, true as opens
                from {jobs} m
                where m.id in (select r.job_id from job_changes r where r.field = 'closed_at' and r.new_value is null)
                union all
                select c.job_id, c.changed_at, c.id, c.new_value is null
                from job_changes c
                where c.field = 'closed_at'
                  and c.job_id in (select r.job_id from job_changes r where r.field = 'closed_at' and r.new_value is null)
                  and c.job_id in (select m.id from {jobs} m)
            ) x
        ) e
        where e.opens
        """;
}
