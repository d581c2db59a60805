using System.Text;
using System.Text.RegularExpressions;
using Aggregator.Postings;
using Aggregator.Scraping;
using Dapper;

namespace Aggregator.Tests.Support;

/// <summary>
/// The hostile corpus scraped end to end: every platform's fixture in <c>Fixtures/hostile/&lt;platform&gt;/</c> (a
/// definition <c>hostile-&lt;platform&gt;.yml</c> and a <c>replay/</c> folder of templates) is rendered with
/// <see cref="HostileText"/>, served over the loopback <c>ReplayServer</c>, read by the real fetcher and runner into
/// one PostgreSQL database, and served by the real web app. Tests of any output (feeds, API, later the pages) load
/// it once and check what they serve for every stored job.
/// </summary>
public sealed partial class HostileCorpus : IAsyncDisposable
{
    public static readonly string[] Platforms = ["greenhouse", "html", "jsonld", "lever", "neogov", "neogov-feed", "rss", "socrata", "uk-csj", "usajobs", "workday"];

    readonly TestHost scrape;
    readonly string root;

    HostileCorpus(TestHost scrape, WebHost web, string root, IReadOnlyDictionary<string, ScrapeReport> reports)
    {
        this.scrape = scrape;
        this.root = root;
        Web = web;
        Reports = reports;
    }

    public WebHost Web { get; }

    /// <summary>The run of each platform's hostile source, by platform.</summary>
    public IReadOnlyDictionary<string, ScrapeReport> Reports { get; }

    public static string SourceId(string platform) => "hostile-" + platform;

    public static async Task<HostileCorpus> LoadAsync(PostgresFixture postgres)
    {
        var root = TestRun.Scratch("hostile");
        foreach (var platform in Platforms)
            Render(platform, Fixtures.Path("hostile", platform, "replay"), Path.Combine(root, platform));
        var scrape = await TestHost.StartAsync(postgres, root);
        var reports = new Dictionary<string, ScrapeReport>(StringComparer.Ordinal);
        foreach (var platform in Platforms)
        {
            var definition = scrape.Definition(Fixtures.Path("hostile", platform, $"{SourceId(platform)}.yml"), platform);
            reports[platform] = await scrape.Runner.RunAsync(definition, CancellationToken.None);
        }
        return new HostileCorpus(scrape, await WebHost.StartAsync(scrape.Db), root, reports);
    }

    /// <summary>Every job stored from the hostile sources (of one platform, if named), as the table holds it.</summary>
    public async Task<IReadOnlyList<Job>> StoredJobsAsync(string? platform = null)
    {
        await using var conn = await scrape.Db.OpenConnectionAsync();
        var ids = await conn.QueryAsync<long>("select id from jobs where source_id like 'hostile-%' and (@source is null or source_id = @source) order by id",
            new { source = platform is null ? null : SourceId(platform) });
        var jobs = new List<Job>();
        foreach (var id in ids)
            jobs.Add((await scrape.Jobs.GetAsync(id, CancellationToken.None))!);
        return jobs;
    }

    /// <summary>
    /// Renders a folder of templates. <c>{{each FILE SEP}}</c> repeats FILE once per hostile case, joined by SEP; inside
    /// it <c>{{ENCODING VALUE}}</c> is the case's VALUE (<c>text</c> when left out, <c>link</c>, <c>description</c>)
    /// encoded as <c>json</c>, <c>xml</c>, <c>html</c> or <c>raw</c> (or two in turn: <c>html+json</c>), and <c>{{n}}</c>
    /// its number. <c>{{count}}</c> is the number of cases.
    /// </summary>
    static void Render(string platform, string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            var text = Each().Replace(File.ReadAllText(file), each => string.Join(each.Groups["separator"].Value,
                HostileText.Cases.Select((c, n) => Item(File.ReadAllText(Path.Combine(from, each.Groups["file"].Value)), platform, c, n))));
            File.WriteAllText(Path.Combine(to, Path.GetFileName(file)), Count().Replace(text, HostileText.Cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new UTF8Encoding(false));
        }
    }

    static string Item(string template, string platform, HostileText.HostileCase @case, int n) => Placeholder().Replace(template, p =>
    {
        if (p.Groups["n"].Success)
            return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var value = p.Groups["value"].Value switch
        {
            "link" => HostileText.Links[n % HostileText.Links.Count].Replace("{platform}", platform, StringComparison.Ordinal)
                .Replace("{n}", n.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            "description" => HostileText.DescriptionOf(@case),
            _ => @case.Text,
        };
        foreach (var encoding in p.Groups["encoding"].Value.Split('+'))
        {
            value = encoding switch
            {
                "json" => HostileText.Json(value),
                "xml" => HostileText.Xml(value),
                "html" => HostileText.Html(value),
                "raw" => value,
                _ => throw new InvalidOperationException($"Unknown encoding {encoding} in {p.Value}"),
            };
        }
        return value;
    });

    [GeneratedRegex(@"\{\{each (?<file>[^ }]+)(?: (?<separator>[^}]*))?\}\}")]
    private static partial Regex Each();

    [GeneratedRegex(@"\{\{count\}\}")]
    private static partial Regex Count();

    [GeneratedRegex(@"\{\{(?:(?<n>n)|(?<encoding>[a-z+]+)(?: (?<value>text|link|description))?)\}\}")]
    private static partial Regex Placeholder();

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await scrape.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }
}
