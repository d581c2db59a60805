using System.Globalization;
using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Aggregator.Postings;

namespace Aggregator.Feeds;

/// <summary>Builds Atom and RSS documents with System.ServiceModel.Syndication; we never format feed XML by hand.</summary>
public static class FeedBuilder
{
    /// <summary>Item ids come from (source, external id) only, so an edited posting keeps its id.</summary>
    public static string ItemId(Job job) => $"tag:aggregator.dev,2026:job/{job.SourceId}/{Uri.EscapeDataString(job.ExternalId)}";

    /// <summary>Organization and place in the title: readers that merge identical titles must not merge two "IT Specialist" posts.</summary>
    public static string ItemTitle(Job job)
    {
        var parts = new List<string> { job.Title };
        if (!string.IsNullOrEmpty(job.Organization))
            parts.Add(job.Organization);
        if (!string.IsNullOrEmpty(job.LocationDisplay))
            parts.Add(job.LocationDisplay);
        return string.Join(" – ", parts);
    }

    public static SyndicationFeed Build(string title, string description, Uri self, Uri alternate, IReadOnlyList<Job> jobs, DateTimeOffset now)
    {
        var feed = new SyndicationFeed(title, description, alternate)
        {
            Id = "tag:aggregator.dev,2026:feed" + self.PathAndQuery,
            LastUpdatedTime = jobs.Count == 0 ? now : jobs.Max(j => j.UpdatedAt),
            Generator = "Aggregator",
            Language = "en",
        };
        feed.Links.Add(new SyndicationLink(self, "self", title, null, 0));
        feed.Authors.Add(new SyndicationPerson { Name = "Aggregator" });
        feed.Items = jobs.Select(Item).ToList();
        return feed;
    }

    static SyndicationItem Item(Job job)
    {
        var item = new SyndicationItem
        {
            Id = ItemId(job),
            Title = new TextSyndicationContent(ItemTitle(job)),
            Summary = new TextSyndicationContent(Summary(job), TextSyndicationContentKind.Html),
            PublishDate = job.PostedAt ?? job.FirstSeenAt,
            LastUpdatedTime = job.UpdatedAt,
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(job.Url)));
        item.Authors.Add(new SyndicationPerson { Name = job.Organization ?? job.SourceId });
        if (job.IsDigital)
            item.Categories.Add(new SyndicationCategory(job.RoleCategory));
        return item;
    }

    /// <summary>The facts a reader needs at a glance, then the sanitized description.</summary>
    public static string Summary(Job job)
    {
        var html = new StringBuilder("<ul>");
        void Line(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
                html.Append("<li><strong>").Append(label).Append(":</strong> ").Append(WebUtility.HtmlEncode(value)).Append("</li>");
        }
        Line("Organization", string.Join(", ", new[] { job.Organization, job.Department }.Where(p => !string.IsNullOrEmpty(p))));
        Line("Location", job.LocationDisplay);
        Line("Workplace", job.Workplace);
        Line("Salary", Salary(job));
        Line("Closes", Closing(job));
        Line("Role", job.IsDigital ? job.RoleCategory : null);
        html.Append("</ul>");
        if (job.DescriptionHtml is not null)
            html.Append(job.DescriptionHtml);
        return html.ToString();
    }

    public static string? Salary(Job job)
    {
        if (job.SalaryMin is null && job.SalaryMax is null)
            return job.SalaryText;
        var currency = job.SalaryCurrency ?? "";
        string Money(decimal v) => $"{currency} {v.ToString(v % 1 == 0 ? "N0" : "N2", CultureInfo.InvariantCulture)}".Trim();
        var range = job.SalaryMin is { } min && job.SalaryMax is { } max && max != min ? $"{Money(min)} – {Money(max)}" : Money((job.SalaryMin ?? job.SalaryMax)!.Value);
        return job.SalaryPeriod is null or "unknown" ? range : $"{range} per {job.SalaryPeriod}";
    }

    public static string? Closing(Job job) => job.ClosingKind switch
    {
        "continuous" => "Continuous (no fixed closing date)",
        "until-filled" => "Open until filled",
        _ => job.ClosingAt?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
    };

    public static byte[] Atom(SyndicationFeed feed) => Write(w => feed.SaveAsAtom10(w));

    public static byte[] Rss(SyndicationFeed feed) => Write(w => feed.SaveAsRss20(w));

    static byte[] Write(Action<XmlWriter> save)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
            save(writer);
        return stream.ToArray();
    }
}
