using Aggregator.Postings;

namespace Aggregator.Tests.Support;

/// <summary>
/// A small history of jobs with chosen dates, for the research endpoints: each job is stored through the upsert (so it
/// has its creation in the change log), then moved to the day it says; closes and reopenings are written as the
/// scrape writes them (a <c>closed_at</c> row in <c>job_changes</c>, and the job's own <c>closed_at</c>).
/// </summary>
public static class SeededHistory
{
    public static DateTimeOffset At(string day) => DateTimeOffset.Parse(day + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Stores <paramref name="job"/>, first seen and posted at noon UTC of <paramref name="posted"/>; returns its id.</summary>
    public static async Task<long> PostAsync(this JobsHost host, Job job, string posted, string? closing = null, string? dedupKey = null, long? dedupGroup = null)
    {
        await host.UpsertAsync(job.SourceId, job);
        var id = await host.ScalarAsync<long>("select id from jobs where source_id = @SourceId and external_id = @ExternalId", new { job.SourceId, job.ExternalId });
        var at = At(posted);
        await host.ExecuteAsync("""
            update jobs set posted_at = @at, first_seen_at = @at, last_seen_at = @at, updated_at = @at, closing_at = @closing,
                            dedup_key = @dedupKey, dedup_group = @dedupGroup
            where id = @id;
            update job_changes set changed_at = @at where job_id = @id and field = 'created';
            """, new { id, at, closing = closing is null ? (DateTimeOffset?)null : At(closing), dedupKey, dedupGroup });
        return id;
    }

    public static Task CloseAsync(this JobsHost host, long id, string day) => host.ExecuteAsync("""
        update jobs set closed_at = @at, close_reason = 'missing' where id = @id;
        insert into job_changes (job_id, changed_at, field, old_value, new_value, reason) values (@id, @at, 'closed_at', null, @value, 'missing');
        """, new { id, at = At(day), value = At(day).ToString("O") });

    public static Task ReopenAsync(this JobsHost host, long id, string day) => host.ExecuteAsync("""
        insert into job_changes (job_id, changed_at, field, old_value, new_value)
        select id, @at, 'closed_at', closed_at::text, null from jobs where id = @id;
        update jobs set closed_at = null, close_reason = null where id = @id;
        """, new { id, at = At(day) });

    /// <summary>
    /// Five jobs in two jurisdictions over January to April 2025 (UTC noon on each day), the history the research tests work out by hand:
    /// <code>
    ///   J1 city  software-eng   remote   $100k–120k  posted 01-10, closing 03-01, closed 02-15 (early)           key k-j1
    ///   J2 city  data-eng       hybrid   no salary   posted 01-20, no closing,    closed 02-10, reopened 04-05
    ///   J3 state software-eng   on-site  $80k–100k   posted 01-25, closing 01-31, closed 01-31 (on its date)  key k-dup, group J3
    ///   J4 city  software-eng   on-site  $80k–100k   posted 01-26, closing 01-31, closed 01-31               key k-dup, group J3 (J3's duplicate)
    ///   J5 state product-mgmt   remote   $70k        posted 04-02, open                                        key k-j1 (a repost of J1)
    /// </code>
    /// Openings: J1, J2, {J3, J4}, J5; nothing happens in March.
    /// </summary>
    public static async Task<(long J1, long J2, long J3, long J4, long J5)> SeedFiveJobsAsync(this JobsHost host)
    {
        await host.SourceAsync("city", "City of Examples", region: "US-MD");
        await host.SourceAsync("state", "State of Examples", region: "US-PA", level: "state");
        var j1 = await host.PostAsync(JobsHost.Job("city", "J1", "Software Engineer") with { Workplace = "remote" }, "2025-01-10", closing: "2025-03-01", dedupKey: "k-j1");
        var j2 = await host.PostAsync(JobsHost.Job("city", "J2", "Data Engineer", role: "data-engineering") with
        {
            Workplace = "hybrid", SalaryMin = null, SalaryMax = null, SalaryPeriod = null, SalaryCurrency = null, SalaryAnnualMin = null, SalaryAnnualMax = null,
        }, "2025-01-20");
        var j3 = await host.PostAsync(JobsHost.Job("state", "J3", "Software Developer") with
        {
            Region = "US-PA", LocationDisplay = "Harrisburg, PA", SalaryAnnualMin = 80_000, SalaryAnnualMax = 100_000,
        }, "2025-01-25", closing: "2025-01-31", dedupKey: "k-dup");
        await host.ExecuteAsync("update jobs set dedup_group = @j3 where id = @j3", new { j3 });
        var j4 = await host.PostAsync(JobsHost.Job("city", "J4", "Software Engineer") with { SalaryAnnualMin = 80_000, SalaryAnnualMax = 100_000 },
            "2025-01-26", closing: "2025-01-31", dedupKey: "k-dup", dedupGroup: j3);
        var j5 = await host.PostAsync(JobsHost.Job("state", "J5", "Product Manager", role: "product-management") with
        {
            Region = "US-PA", LocationDisplay = "Harrisburg, PA", Workplace = "remote", SalaryAnnualMin = 70_000, SalaryAnnualMax = 70_000,
        }, "2025-04-02", dedupKey: "k-j1");
        await host.CloseAsync(j3, "2025-01-31");
        await host.CloseAsync(j4, "2025-01-31");
        await host.CloseAsync(j2, "2025-02-10");
        await host.CloseAsync(j1, "2025-02-15");
        await host.ReopenAsync(j2, "2025-04-05");
        return (j1, j2, j3, j4, j5);
    }
}
