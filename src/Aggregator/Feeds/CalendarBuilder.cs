using Aggregator.Normalization;
using Aggregator.Postings;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Aggregator.Feeds;

/// <summary>
/// An iCalendar (RFC 5545) of closing dates, written by Ical.Net: it escapes text and folds lines. Each
/// deadline is a timed event at the closing instant, in UTC, with no end (RFC 5545 §3.6.1: zero duration).
/// </summary>
public static class CalendarBuilder
{
    public static string Build(FeedInfo info, IReadOnlyList<Job> jobs)
    {
        var calendar = new Calendar { ProductId = "-//Aggregator//Government digital job deadlines//EN", Method = "PUBLISH" };
        calendar.Properties.Add(new CalendarProperty("X-WR-CALNAME", info.Title));
        calendar.Properties.Add(new CalendarProperty("X-WR-CALDESC", info.Description));
        foreach (var job in jobs.Select(Normalizer.Safe))
        {
            if (job.ClosingAt is not { } closing)
                continue;
            var utc = new CalDateTime(closing.UtcDateTime, "UTC", true);
            var item = new CalendarEvent
            {
                // The feed item id: stable across edits, so a moved deadline updates the event instead of adding one.
                Uid = JobText.ItemId(job),
                Summary = "Closes: " + JobText.ItemTitle(job),
                Description = string.Join("\n", new[] { FeedBuilder.FactsText(job), JobText.Link(job)?.AbsoluteUri }.OfType<string>()),
                Location = job.LocationDisplay,
                Url = JobText.Link(job),
                DtStart = utc,
                // DTSTAMP and LAST-MODIFIED move only when the job's content does, so the calendar is byte-stable between scrapes.
                DtStamp = new CalDateTime(job.UpdatedAt.UtcDateTime, "UTC", true),
                LastModified = new CalDateTime(job.UpdatedAt.UtcDateTime, "UTC", true),
                Transparency = "TRANSPARENT",
            };
            item.Categories.Add(job.RoleCategory);
            calendar.Events.Add(item);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
