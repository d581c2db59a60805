using System.Globalization;
using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;
using Aggregator.Normalization;
using Aggregator.Postings;

namespace Aggregator.Feeds;

/// <summary>The feed-level facts every format carries.</summary>
/// <param name="Hub">The WebSub hub a reader may subscribe at for pushes of this feed (<c>rel="hub"</c>, JSON Feed's <c>hubs</c>).</param>
public sealed record FeedInfo(string Title, string Description, Uri Self, Uri Home, Uri? First, Uri? Next, DateTimeOffset Now, Uri? Hub = null);

/// <summary>
/// Builds Atom and RSS documents with System.ServiceModel.Syndication and JSON Feed with System.Text.Json (its
/// default encoder, which escapes &lt;, &gt;, &amp; and quotes); we never format feed XML by hand. Every job passes
/// <see cref="Normalizer.Safe"/> first: the normalizer already made every field plain text and sanitized the
/// description, and this is the second line, for rows that reached the table another way.
/// </summary>
public static class FeedBuilder
{
    /// <summary>Our extension elements (organization, location, salary, closes) in Atom and RSS.</summary>
    public const string JobNamespace = "https://aggregator.dev/ns/job/1.0";

    public static SyndicationFeed Build(FeedInfo info, IReadOnlyList<Job> jobs, bool atom)
    {
        var feed = new SyndicationFeed(info.Title, info.Description, info.Home)
        {
            Id = "tag:aggregator.dev,2026:feed" + info.Self.PathAndQuery,
            LastUpdatedTime = jobs.Count == 0 ? info.Now : jobs.Max(j => j.UpdatedAt),
            Generator = "Aggregator",
            Language = "en",
            // RSS readers schedule their next poll from ttl (minutes); it matches the Cache-Control max-age.
            TimeToLive = FeedsApi.FeedMaxAge,
        };
        feed.AttributeExtensions.Add(new XmlQualifiedName("job", "http://www.w3.org/2000/xmlns/"), JobNamespace);
        feed.Links.Add(new SyndicationLink(info.Self, "self", info.Title, null, 0));
        // WebSub discovery: Atom carries it as a link, RSS as an atom:link beside self.
        if (info.Hub is not null)
            feed.Links.Add(new SyndicationLink(info.Hub, "hub", null, null, 0));
        if (info.First is not null)
            feed.Links.Add(new SyndicationLink(info.First, "first", null, null, 0));
        if (info.Next is not null)
            feed.Links.Add(new SyndicationLink(info.Next, "next", null, null, 0));
        feed.Authors.Add(new SyndicationPerson { Name = "Aggregator" });
        feed.Items = jobs.Select(j => Item(Normalizer.Safe(j), atom)).ToList();
        return feed;
    }

    static SyndicationItem Item(Job job, bool atom)
    {
        var item = new SyndicationItem
        {
            Id = JobText.ItemId(job),
            Title = new TextSyndicationContent(JobText.ItemTitle(job)),
            PublishDate = job.PostedAt ?? job.FirstSeenAt,
            LastUpdatedTime = job.UpdatedAt,
        };
        // Atom carries the HTML as content and the facts as a plain-text summary; RSS has one description.
        if (atom)
        {
            item.Content = new TextSyndicationContent(ContentHtml(job), TextSyndicationContentKind.Html);
            item.Summary = new TextSyndicationContent(FactsText(job));
        }
        else
            item.Summary = new TextSyndicationContent(ContentHtml(job), TextSyndicationContentKind.Html);
        if (JobText.Link(job) is { } link)
            item.Links.Add(SyndicationLink.CreateAlternateLink(link));
        item.Authors.Add(new SyndicationPerson { Name = job.Organization ?? job.SourceId });
        item.Categories.Add(new SyndicationCategory(job.RoleCategory));
        void Extension(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
                item.ElementExtensions.Add(name, JobNamespace, value);
        }
        Extension("organization", job.Organization);
        Extension("location", job.LocationDisplay);
        Extension("salary", JobText.Salary(job));
        Extension("closes", job.ClosingAt is { } closes ? JobText.Timestamp(closes) : null);
        Extension("closing", JobText.Closing(job));
        return item;
    }

    /// <summary>The facts a reader needs at a glance, then the sanitized description.</summary>
    public static string ContentHtml(Job job)
    {
        var html = new StringBuilder("<ul>");
        foreach (var (label, value) in Facts(job))
            html.Append("<li><strong>").Append(label).Append(":</strong> ").Append(WebUtility.HtmlEncode(value)).Append("</li>");
        html.Append("</ul>");
        if (job.DescriptionHtml is not null)
            html.Append(job.DescriptionHtml);
        return html.ToString();
    }

    public static string FactsText(Job job) => string.Join(" · ", Facts(job).Select(f => $"{f.Label}: {f.Value}"));

    static IEnumerable<(string Label, string Value)> Facts(Job job)
    {
        (string, string?)[] facts =
        [
            ("Organization", string.Join(", ", new[] { job.Organization, job.Department }.Where(p => !string.IsNullOrEmpty(p)))),
            ("Location", job.LocationDisplay),
            ("Workplace", job.Workplace),
            ("Salary", JobText.Salary(job)),
            ("Closes", JobText.Closing(job)),
            ("Role", job.IsDigital ? job.RoleCategory : null),
        ];
        foreach (var (label, value) in facts)
            if (!string.IsNullOrWhiteSpace(value))
                yield return (label, value);
    }



    public static byte[] Atom(SyndicationFeed feed) => Write(w => feed.SaveAsAtom10(w));

    public static byte[] Rss(SyndicationFeed feed) => Write(w => feed.SaveAsRss20(w));

    static byte[] Write(Action<XmlWriter> save)
    {
        using var stream = new MemoryStream();
        // CheckCharacters is the last guard: a forbidden character that got past Safe fails loudly instead of
        // producing a document no reader can parse.
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, CheckCharacters = true }))
            save(writer);
        return stream.ToArray();
    }

    static readonly JsonSerializerOptions jsonFeedOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>JSON Feed 1.1 (https://jsonfeed.org/version/1.1), with our facts under the <c>_job</c> extension.</summary>
    public static byte[] Json(FeedInfo info, IReadOnlyList<Job> jobs)
    {
        var feed = new JsonFeed(
            Version: "https://jsonfeed.org/version/1.1",
            Title: info.Title,
            HomePageUrl: info.Home.AbsoluteUri,
            FeedUrl: info.Self.AbsoluteUri,
            Description: info.Description,
            NextUrl: info.Next?.AbsoluteUri,
            Hubs: info.Hub is null ? null : [new JsonFeedHub("WebSub", info.Hub.AbsoluteUri)],
            Language: "en",
            Authors: [new JsonFeedAuthor("Aggregator")],
            Items: [.. jobs.Select(Normalizer.Safe).Select(JsonItem)]);
        return JsonSerializer.SerializeToUtf8Bytes(feed, jsonFeedOptions);
    }

    static JsonFeedItem JsonItem(Job job) => new(
        Id: JobText.ItemId(job),
        Url: JobText.Link(job)?.AbsoluteUri,
        Title: JobText.ItemTitle(job),
        ContentHtml: ContentHtml(job),
        Summary: FactsText(job),
        DatePublished: JobText.Timestamp(job.PostedAt ?? job.FirstSeenAt),
        DateModified: JobText.Timestamp(job.UpdatedAt),
        Authors: [new JsonFeedAuthor(job.Organization ?? job.SourceId)],
        Tags: [job.RoleCategory],
        Job: new JsonFeedJob(
            "https://aggregator.dev/ns/job/1.0", job.Organization, job.Department, job.LocationDisplay, job.Workplace, JobText.Salary(job),
            job.SalaryAnnualMin, job.SalaryAnnualMax, job.SalaryCurrency, job.SalaryFlag, job.ClosingAt is { } c ? JobText.Timestamp(c) : null, job.ClosingKind,
            job.RoleCategory, job.SourceId));

    sealed record JsonFeed(
        string Version, string Title, string HomePageUrl, string FeedUrl, string Description, string? NextUrl,
        IReadOnlyList<JsonFeedHub>? Hubs, string Language, IReadOnlyList<JsonFeedAuthor> Authors, IReadOnlyList<JsonFeedItem> Items);

    sealed record JsonFeedHub(string Type, string Url);

    sealed record JsonFeedAuthor(string Name);

    sealed record JsonFeedItem(
        string Id, string? Url, string Title, string ContentHtml, string Summary, string DatePublished, string DateModified,
        IReadOnlyList<JsonFeedAuthor> Authors, IReadOnlyList<string> Tags, [property: JsonPropertyName("_job")] JsonFeedJob Job);

    sealed record JsonFeedJob(
        string About, string? Organization, string? Department, string? Location, string? Workplace, string? Salary,
        decimal? SalaryAnnualMin, decimal? SalaryAnnualMax, string? SalaryCurrency, string? SalaryFlag, string? ClosingAt, string ClosingKind,
        string Role, string Source);
}
