using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Aggregator.Database;
using Aggregator.Normalization;
using Aggregator.Postings;
using Npgsql;

/// <summary>
/// The reader fleet of bench/fleet.sh: thousands of distinct feed addresses built from real filter combinations, fetched
/// once to learn their ETags (as a reader's first poll), and the check that a changed job changes the ETags of exactly
/// the feeds it appears in.
/// </summary>
static partial class FleetBenchmark
{
    static readonly string[] Terms = ["data", "python", "cloud", "security", "gis", "product", "designer", "analyst", "network", "developer", "remote", "java"];

    /// <summary>Writes <paramref name="count"/> distinct feed paths, one a line: every format, the role and jurisdiction
    /// shortcuts, and the filters readers combine (role, region, country, level, remote, salary, recency, q).</summary>
    public static async Task<int> Urls(string connectionString, int count, string output)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var conn = await db.OpenConnectionAsync();
        var regions = await ListAsync(conn, "select distinct unnest(regions) from jobs where closed_at is null order by 1");
        var jurisdictions = (await ListAsync(conn, "select j.name from jurisdictions j where exists (select 1 from sources s where s.jurisdiction_id = j.id) order by j.name"))
            .Select(Slug.Of).Distinct().ToList();
        var roles = Taxonomy.Categories.Where(c => c.IsDigital).Select(c => c.Slug).ToList();
        var levels = new[] { "entry", "mid", "senior", "lead", "manager" };
        var random = new Random(7);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        T One<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        while (paths.Count < count)
        {
            var format = random.Next(100) switch { < 60 => "atom", < 85 => "rss", _ => "json" };
            var filters = new List<string>();
            var kind = random.Next(100);
            string path;
            if (kind < 25)
                path = $"/feeds/roles/{One(roles)}.{format}";
            else if (kind < 40)
                path = $"/feeds/jurisdictions/{One(jurisdictions)}.{format}";
            else
            {
                path = $"/feeds/jobs.{format}";
                if (random.Next(100) < 55)
                    filters.Add("role=" + One(roles));
            }
            if (kind >= 25 && kind < 40)
            {
                if (random.Next(3) == 0)
                    filters.Add("role=" + One(roles));
            }
            else if (random.Next(100) < 60)
                filters.Add(random.Next(6) == 0 ? "country=" + One(["US", "CA", "GB"]) : "region=" + One(regions));
            if (random.Next(100) < 20)
                filters.Add("remote=" + One(["true", "true", "hybrid", "false"]));
            if (random.Next(100) < 15)
                filters.Add("level=" + One(levels));
            if (random.Next(100) < 12)
                filters.Add("salary_min=" + One([60000, 80000, 100000, 120000, 150000]).ToString(CultureInfo.InvariantCulture));
            if (random.Next(100) < 10)
                filters.Add("posted_within=" + One([7, 14, 30]).ToString(CultureInfo.InvariantCulture));
            if (random.Next(100) < 12)
                filters.Add("q=" + One(Terms));
            paths.Add(filters.Count == 0 ? path : path + "?" + string.Join('&', filters));
        }
        await File.WriteAllLinesAsync(output, paths);
        Console.WriteLine($"{paths.Count} feed addresses ({regions.Count} regions, {jurisdictions.Count} jurisdictions with a source) in {output}");
        return 0;
    }

    static async Task<List<string>> ListAsync(NpgsqlConnection conn, string sql)
    {
        await using var command = new NpgsqlCommand(sql, conn);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
            list.Add(reader.GetString(0));
        return list;
    }

    /// <summary>
    /// A reader's first poll of every address: GET without validators, keeping the body and the ETag. Writes
    /// feeds.tsv (number, path, ETag, extension) and files/&lt;number&gt;.&lt;extension&gt; into <paramref name="folder"/>,
    /// and prints the rate. Fails on any answer but a 200 with an ETag.
    /// </summary>
    public static async Task<int> Prime(string baseUrl, string pathsFile, string folder, int concurrency)
    {
        var paths = await File.ReadAllLinesAsync(pathsFile);
        Directory.CreateDirectory(Path.Combine(folder, "files"));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, AutomaticDecompression = DecompressionMethods.None })
            { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var rows = new string[paths.Length];
        var clock = Stopwatch.StartNew();
        long bytes = 0;
        await Parallel.ForAsync(0, paths.Length, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            using var response = await http.GetAsync(paths[i], ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK || response.Headers.ETag is null)
                throw new InvalidOperationException($"{paths[i]}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)])}");
            var extension = Path.GetExtension(new Uri(new Uri(baseUrl), paths[i]).AbsolutePath).TrimStart('.');
            await File.WriteAllBytesAsync(Path.Combine(folder, "files", $"{i}.{extension}"), body, ct);
            Interlocked.Add(ref bytes, body.Length);
            rows[i] = $"{i}\t{paths[i]}\t{response.Headers.ETag}\t{extension}";
        });
        await File.WriteAllLinesAsync(Path.Combine(folder, "feeds.tsv"), rows);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PRIME urls={paths.Length} seconds={seconds:0.0} urls_per_s={paths.Length / seconds:0.0} bytes={bytes} concurrency={concurrency}"));
        return 0;
    }

    /// <summary>
    /// Changes one job the way a scrape does (its posted salary wording: content, not what any filter or sort reads) through
    /// <see cref="JobStore.UpsertAsync"/>, then polls every address with its ETag: exactly the feeds whose first page listed
    /// the job must answer 200 with a new ETag, every other one 304. Picks a job that appears in several feeds.
    /// </summary>
    public static async Task<int> Check(string baseUrl, string connectionString, string folder)
    {
        DapperSetup.Configure();
        var feeds = (await File.ReadAllLinesAsync(Path.Combine(folder, "feeds.tsv"))).Select(l => l.Split('\t')).ToList();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8, AutomaticDecompression = DecompressionMethods.None })
            { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        // Time alone moves some feeds (posted_within=7 loses the jobs that turn eight days old): polls every address with
        // its ETag first and takes the new body and ETag of any that answers 200, so that only the change below can move one.
        var moved = new List<string>();
        await Parallel.ForAsync(0, feeds.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, feeds[i][1]);
            request.Headers.TryAddWithoutValidation("If-None-Match", feeds[i][2]);
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.OK)
                return;
            await File.WriteAllBytesAsync(Path.Combine(folder, "files", $"{feeds[i][0]}.{feeds[i][3]}"), await response.Content.ReadAsByteArrayAsync(ct), ct);
            feeds[i][2] = response.Headers.ETag!.ToString();
            lock (moved)
                moved.Add(feeds[i][1]);
        });
        Console.WriteLine($"CHECK before the change: {moved.Count} of {feeds.Count} addresses had moved since their first poll " +
            $"(by time alone){(moved.Count > 0 ? ": " + string.Join(" ", moved.Take(5)) : "")}");
        var listing = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var feed in feeds)
        {
            var body = await File.ReadAllTextAsync(Path.Combine(folder, "files", $"{feed[0]}.{feed[3]}"));
            foreach (var id in ItemId().Matches(body).Select(m => m.Value).Distinct(StringComparer.Ordinal))
                (listing.TryGetValue(id, out var list) ? list : listing[id] = []).Add(int.Parse(feed[0], CultureInfo.InvariantCulture));
        }
        var (item, expected) = listing.OrderByDescending(l => l.Value.Count).ThenBy(l => l.Key, StringComparer.Ordinal).First();
        var parts = item.Split('/');
        var (sourceId, externalId) = (parts[^2], Uri.UnescapeDataString(parts[^1]));

        await using var db = NpgsqlDataSource.Create(DatabaseHost.ServiceConnectionString(connectionString));
        var jobs = new JobStore(db);
        var job = await jobs.FindAsync(sourceId, externalId, CancellationToken.None)
            ?? throw new InvalidOperationException($"{item} is listed but not stored");
        var changed = job with { SalaryText = (job.SalaryText ?? "") + " (revised)", ContentHash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) };
        var result = await jobs.UpsertAsync(sourceId, [changed], DateTimeOffset.UtcNow, CancellationToken.None);
        if (result.Updated != 1)
            throw new InvalidOperationException($"the upsert did not update {item}: {result}");
        // Every node reads the jobs version at most once a second.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var answers = new int[feeds.Count];
        var bodies = new string?[feeds.Count];
        await Parallel.ForAsync(0, feeds.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, feeds[i][1]);
            request.Headers.TryAddWithoutValidation("If-None-Match", feeds[i][2]);
            using var response = await http.SendAsync(request, ct);
            answers[i] = (int)response.StatusCode;
            if (answers[i] == 200)
                bodies[i] = await response.Content.ReadAsStringAsync(ct);
        });
        var expectedSet = expected.ToHashSet();
        // Time goes on during these polls too: a feed that does not list the job may still have lost or gained an entry
        // to a time window since the first pass (a job turning eight days old under posted_within=7). Such a 200 is
        // right, and is told apart by its entries: the changed job in neither body, and the entries not the same.
        var byTime = Enumerable.Range(0, feeds.Count).Where(i => answers[i] == 200 && !expectedSet.Contains(i) && MovedByTime(i)).ToHashSet();
        foreach (var i in byTime)
            Console.WriteLine($"  moved by time during the check (entries changed, the job in neither): {feeds[i][1]}");
        var wrongOk = Enumerable.Range(0, feeds.Count).Count(i => answers[i] == 200 && !expectedSet.Contains(i) && !byTime.Contains(i));
        var missed = expected.Count(i => answers[i] != 200);
        var other = answers.Count(a => a is not (200 or 304));
        foreach (var i in Enumerable.Range(0, feeds.Count).Where(i => answers[i] == 200 && !expectedSet.Contains(i) && !byTime.Contains(i)).Take(5))
            Console.WriteLine($"  unexpected 200: {feeds[i][1]}");
        Console.WriteLine($"CHECK job={item} listed_in={expected.Count} answered_200={answers.Count(a => a == 200)} answered_304={answers.Count(a => a == 304)} " +
            $"moved_by_time={byTime.Count} unexpected_200={wrongOk} listing_feeds_not_200={missed} other={other} ({(wrongOk + missed + other == 0 ? "exact" : "WRONG")})");
        return wrongOk + missed + other == 0 ? 0 : 1;

        bool MovedByTime(int i)
        {
            var before = ItemIds(File.ReadAllText(Path.Combine(folder, "files", $"{feeds[i][0]}.{feeds[i][3]}")));
            var after = ItemIds(bodies[i]!);
            return !before.Contains(item) && !after.Contains(item) && !before.SetEquals(after);
        }
    }

    static HashSet<string> ItemIds(string body) => ItemId().Matches(body).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"tag:aggregator\.dev,2026:job/[^<""\s]+")]
    private static partial Regex ItemId();
}
