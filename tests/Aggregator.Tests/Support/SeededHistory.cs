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
}
