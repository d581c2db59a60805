using System.Globalization;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Sources;

namespace Aggregator.Web;

/// <summary>One line of a job's history as a person reads it.</summary>
public sealed record HistoryEntry(DateTimeOffset At, string Text, string? Reason = null);

/// <summary>Everything the job page shows: the job (made safe), its source, its history, its group and its JSON-LD.</summary>
public sealed record JobView(
    string Origin, Job Job, SourceName? Source, IReadOnlyList<HistoryEntry> History, IReadOnlyList<JobPosting> AlsoAt,
    IReadOnlyDictionary<string, SourceName> Sources, string? JsonLd, DateTimeOffset Now)
{
    public static JobView Create(string origin, Job stored, IReadOnlyList<JobChange> changes, IReadOnlyList<JobPosting> alsoAt,
        IReadOnlyDictionary<string, SourceName> sources, DateTimeOffset now)
    {
        var job = Normalizer.Safe(stored);
        var source = sources.GetValueOrDefault(job.SourceId);
        // Search engines should drop a closed posting, so it no longer describes itself as one.
        var jsonLd = job.ClosedAt is null ? JobPostingLd.Of(job, source?.Name) : null;
        return new JobView(origin, job, source, HistoryOf(job, changes), [.. alsoAt.Select(p => p with { Url = PlainText.HttpUrl(p.Url) })], sources, jsonLd, now);
    }

    /// <summary>Opened, then every recorded change in order: extensions, salary edits, closing with its reason, reopening.</summary>
    static List<HistoryEntry> HistoryOf(Job job, IReadOnlyList<JobChange> changes)
    {
        var entries = new List<HistoryEntry>();
        if (job.PostedAt is { } posted && posted < job.FirstSeenAt)
            entries.Add(new HistoryEntry(posted, "Posted by the source"));
        entries.Add(new HistoryEntry(job.FirstSeenAt, "First seen by us"));
        foreach (var change in changes)
        {
            var before = PlainText.OrNull(change.OldValue, 200);
            var after = PlainText.OrNull(change.NewValue, 200);
            var reason = PlainText.OrNull(change.Reason);
            entries.Add(change.Field switch
            {
                "closed_at" when after is not null => new HistoryEntry(change.ChangedAt, "Closed", reason ?? (job.ClosedAt is not null ? PlainText.OrNull(job.CloseReason) : null)),
                "closed_at" => new HistoryEntry(change.ChangedAt, "Reopened: the source lists it again"),
                "closing_at" => new HistoryEntry(change.ChangedAt, ClosingChange(before, after)),
                "closing_kind" => new HistoryEntry(change.ChangedAt, $"Closing changed from {before ?? "none"} to {after ?? "none"}"),
                "salary_min" or "salary_max" or "salary_period" or "salary_currency" or "salary_text" =>
                    new HistoryEntry(change.ChangedAt, $"Salary changed ({Field(change.Field)}): {before ?? "none"} → {after ?? "none"}"),
                "role_category" => new HistoryEntry(change.ChangedAt, $"Role reclassified: {JobFacts.Role(before ?? "")} → {JobFacts.Role(after ?? "")}"),
                "description" => new HistoryEntry(change.ChangedAt, "Description edited"),
                "locations" => new HistoryEntry(change.ChangedAt, "Locations changed"),
                _ => new HistoryEntry(change.ChangedAt, $"{char.ToUpperInvariant(Field(change.Field)[0])}{Field(change.Field)[1..]} changed: {before ?? "none"} → {after ?? "none"}"),
            });
        }
        return [.. entries.OrderBy(e => e.At)];
    }

    static string Field(string column) => column.Replace('_', ' ');

    static string ClosingChange(string? before, string? after)
    {
        var from = When(before);
        var to = When(after);
        return (from, to) switch
        {
            (null, { } t) => $"Closing date set to {JobFacts.Date(t)}",
            ({ } f, null) => $"Closing date removed (was {JobFacts.Date(f)})",
            ({ } f, { } t) when t > f => $"Extended: closing date moved from {JobFacts.Date(f)} to {JobFacts.Date(t)}",
            ({ } f, { } t) => $"Closing date brought forward from {JobFacts.Date(f)} to {JobFacts.Date(t)}",
            _ => "Closing date changed",
        };
    }

    static DateTimeOffset? When(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
}
