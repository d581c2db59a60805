using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Aggregator.Tests.Support;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aggregator.Tests.Scraping;

/// <summary>
/// The cluster as it is deployed: real processes of the built binary over loopback. One PostgreSQL, three
/// <c>serve --no-api</c> scheduler nodes, two <c>serve --no-scheduler</c> API nodes, and 50 feed sources on six
/// loopback hosts, each scheduled every ten seconds. One scheduler node is SIGKILLed in the middle of a run.
/// </summary>
public sealed class ClusterTests(PostgresFixture postgres)
{
    const int Every = 10;
    static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(2);
    static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(3);
    /// <summary>The slow source's host holds each answer this long, so a node can be killed while it is in a run.</summary>
    static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task EveryFiringRunsOnceOnOneNodeAndAKilledNodesRunIsRecovered()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var folder = TestRun.Scratch("cluster");
        await using var sites = await SiteServer.StartAsync(hosts: 7);
        var sources = WriteDefinitions(Path.Combine(folder, "scrapers"), sites);
        var schedulerIds = new[] { "scheduler-a", "scheduler-b", "scheduler-c" };
        var apiPorts = new[] { FreePort(), FreePort() };

        Dictionary<string, string?> Settings(string? instance, int? port)
        {
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings__Aggregator"] = database.ConnectionString,
                ["Sources__Directory"] = Path.Combine(folder, "scrapers"),
                ["Scheduler__Clustered"] = "true",
                ["Scheduler__CheckinInterval"] = CheckinInterval.ToString("c", CultureInfo.InvariantCulture),
                ["Scheduler__CheckinMisfireThreshold"] = CheckinMisfireThreshold.ToString("c", CultureInfo.InvariantCulture),
                ["Scraping__ContactEmail"] = "tests@example.org",
                ["Scraping__HostDelay"] = "00:00:00.020",
                ["Scraping__AttemptTimeout"] = "00:00:20",
                ["Scraping__TotalTimeout"] = "00:00:40",
                ["Feeds__CacheSeconds"] = "300",
                // Five processes starting at once on a busy machine: a start-up query may wait longer than the 5 s a
                // request would, and a node that gives up at start proves nothing about the cluster.
                ["Database__CommandTimeout"] = "00:00:30",
                ["Database__ConnectTimeout"] = "00:00:15",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Aggregator"] = "Information",
            };
            if (instance is not null)
                settings["Scheduler__InstanceId"] = instance;
            if (port is not null)
                settings["Urls"] = $"http://127.0.0.1:{port}";
            return settings;
        }

        var nodes = new List<NodeProcess>();
        try
        {
            foreach (var id in schedulerIds)
                nodes.Add(AggregatorCli.Start(id, "serve --no-api", folder, Settings(id, null)));
            for (var i = 0; i < apiPorts.Length; i++)
                nodes.Add(AggregatorCli.Start($"api-{i}", "serve --no-scheduler", folder, Settings(null, apiPorts[i])));
            string Logs()
            {
                using var conn = database.DataSource.OpenConnection();
                var runs = conn.Query<(string, string, long, string?)>(
                    "select source_id, outcome, count(*), max(error) from scrape_runs group by 1, 2 order by 1, 2");
                var watched = conn.Query<(string?, DateTime?, DateTime, DateTime?, string, int)>("""
                    select node, scheduled_for, started_at, finished_at, outcome, new from scrape_runs
                    where source_id = 'cluster-07' order by started_at desc limit 8
                    """);
                return string.Join('\n', nodes.Select(n => n.Tail())) + "\n--- runs ---\n" + string.Join('\n', runs)
                    + "\n--- cluster-07's last runs: node, slot, started, finished, outcome, new ---\n" + string.Join('\n', watched);
            }

            // All three scheduler nodes checked in to the cluster, both API nodes ready.
            await Until(async () => await database.ScalarAsync<int>("select count(*)::int from qrtz_scheduler_state") == 3,
                TimeSpan.FromSeconds(300), "three scheduler nodes in qrtz_scheduler_state", Logs);
            using var apiB = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPorts[1]}/") };
            foreach (var port in apiPorts)
                await Until(async () => await Ready(port), TimeSpan.FromSeconds(120), $"API node on {port} ready", Logs);
            var windowStart = NextSlot(await Now(database)).AddSeconds(Every);

            // Every source has run once before the window opens, so from here on only a changed feed changes jobs.
            await Until(async () => await database.ScalarAsync<int>("select count(distinct source_id)::int from scrape_runs where outcome = 'succeeded'") == sources.Count,
                TimeSpan.FromSeconds(120), "a first successful run of every source", Logs);

            // Kill a scheduler node while it is in a run of the slow source.
            var running = await UntilValue(async () =>
            {
                await using var conn = await database.DataSource.OpenConnectionAsync();
                return await conn.QuerySingleOrDefaultAsync<InRun>("""
                    select node, scheduled_for from scrape_runs
                    where source_id = 'cluster-slow' and outcome = 'running' and started_at < now() - interval '300 milliseconds'
                      and scheduled_for >= @windowStart
                    """, new { windowStart });
            }, TimeSpan.FromSeconds(40), "a run of the slow source in progress", Logs);
            var victim = nodes.Single(n => n.Name == running.Node);
            victim.Kill();
            var killedAt = await Now(database);

            // A feed cached on API node B changes after a run on a scheduler node finds a new posting.
            var before = await apiB.GetStringAsync("/feeds/jobs.atom?source=cluster-07");
            Assert.DoesNotContain("Platform Engineer 07", before, StringComparison.Ordinal);
            sites.AddPosting(7);
            await Until(async () => (await apiB.GetStringAsync("/feeds/jobs.atom?source=cluster-07")).Contains("Platform Engineer 07", StringComparison.Ordinal),
                TimeSpan.FromSeconds(3 * Every), "the new posting in API node B's cached feed", Logs);
            var finder = await database.ScalarAsync<string>("select node from scrape_runs where source_id = 'cluster-07' and new > 0 and started_at > @killedAt", new { killedAt });
            Assert.Contains(finder, schedulerIds);

            // Let the cluster run on two nodes, then wait for every firing up to the window's end to finish.
            var windowEnd = NextSlot(killedAt).AddSeconds(3 * Every);
            await Until(async () => await Now(database) > windowEnd.AddSeconds(1), TimeSpan.FromSeconds(60), "the window's end", Logs);
            // A busy machine's scheduler fires late (within MisfireThreshold a late firing still answers its own slot), so
            // a slot's run may not have started yet at the window's end: wait until every source answered every slot.
            var expected = sources.Count * ((int)((windowEnd - windowStart).TotalSeconds / Every) + 1);
            await Until(async () => await database.ScalarAsync<int>("""
                    select count(distinct (source_id, scheduled_for))::int from scrape_runs
                    where outcome <> 'running' and outcome <> 'abandoned' and scheduled_for between @windowStart and @windowEnd
                    """, new { windowStart, windowEnd }) >= expected
                    && await database.ScalarAsync<int>(
                        "select count(*)::int from scrape_runs where outcome = 'running' and scheduled_for <= @windowEnd", new { windowEnd }) == 0,
                TimeSpan.FromSeconds(90), "every firing of the window run and finished", Logs);
            foreach (var node in nodes)
                node.Kill();

            await using var conn = await database.DataSource.OpenConnectionAsync();
            var runs = (await conn.QueryAsync<Run>(
                "select id, source_id, scheduled_for, node, outcome, started_at, finished_at from scrape_runs order by source_id, started_at")).AsList();

            // Each firing in the window ran exactly once: one finished run per source and slot; the only other rows for
            // a slot are runs the killed node left, given up as abandoned.
            var slots = Enumerable.Range(0, (int)((windowEnd - windowStart).TotalSeconds / Every) + 1).Select(i => windowStart.AddSeconds(i * Every)).ToList();
            var problems = new List<string>();
            foreach (var source in sources)
                foreach (var slot in slots)
                {
                    var answered = runs.Where(r => r.SourceId == source && r.ScheduledFor == slot).ToList();
                    var done = answered.Count(r => r.Outcome == "succeeded");
                    if (done != 1 || answered.Any(r => r.Outcome is not ("succeeded" or "abandoned")))
                        problems.Add($"{source} @ {slot:HH:mm:ss}: {string.Join(", ", answered.Select(r => $"{r.Outcome} on {r.Node}"))}");
                }
            Assert.True(problems.Count == 0, $"{problems.Count} slots not run exactly once:\n{string.Join('\n', problems.Take(20))}\n{Logs()}");
            Assert.All(runs.Where(r => r.Outcome == "abandoned"), r => Assert.Equal(victim.Name, r.Node));
            Assert.Equal(3, runs.Select(r => r.Node).Distinct().Count());

            // Never two runs of one source at once: each run starts after the one before it finished.
            foreach (var group in runs.GroupBy(r => r.SourceId))
                foreach (var (earlier, later) in group.Zip(group.Skip(1)))
                    Assert.True(earlier.FinishedAt is { } end && later.StartedAt >= end,
                        $"{group.Key}: run {later.Id} on {later.Node} started {later.StartedAt:O} before run {earlier.Id} on {earlier.Node} finished ({earlier.FinishedAt:O})");

            // Never two requests at once to one host, though the hosts were asked side by side.
            Assert.All(sites.MostAtOnceByHost, h => Assert.True(h.Value == 1, $"{h.Key}: {h.Value} requests at once"));
            Assert.True(sites.MostAtOnceOverall > 1, "the hosts were never asked at the same time, so the per-host check proves nothing");

            // The run the killed node was in was run again by another node, for the same slot, within the documented time.
            var recovered = Assert.Single(runs, r => r.SourceId == "cluster-slow" && r.ScheduledFor == running.ScheduledFor && r.Outcome == "succeeded");
            Assert.NotEqual(victim.Name, recovered.Node);
            var limit = 2 * CheckinInterval + CheckinMisfireThreshold;
            Assert.True(recovered.StartedAt - killedAt <= limit + TimeSpan.FromSeconds(5),
                $"recovered {recovered.StartedAt - killedAt} after the kill; documented: within 2 × CheckinInterval + CheckinMisfireThreshold = {limit}");
        }
        finally
        {
            foreach (var node in nodes)
                node.Dispose();
        }
    }

    sealed record InRun(string Node, DateTime ScheduledFor);

    sealed record Run(long Id, string SourceId, DateTime? ScheduledFor, string? Node, string Outcome, DateTime StartedAt, DateTime? FinishedAt);

    /// <summary>49 sources on seven hosts (seven sources a host), and the slow one alone on its own.</summary>
    static List<string> WriteDefinitions(string folder, SiteServer sites)
    {
        Directory.CreateDirectory(folder);
        var ids = new List<string>();
        for (var n = 0; n < 50; n++)
        {
            var id = n == 49 ? "cluster-slow" : $"cluster-{n:00}";
            var host = n == 49 ? sites.SlowHost : sites.Hosts[n % sites.Hosts.Count];
            File.WriteAllText(Path.Combine(folder, id + ".yml"), $"""
                id: {id}
                name: Cluster test source {n}
                jurisdiction:
                  name: Town {n}
                  level: city
                  country: US
                  region: US-IL
                homepage: https://example.org/
                owner: tests
                access: feed
                terms: test fixture
                schedule: "*/{Every} * * * * ?"
                platform:
                  rss:
                    base_url: {host}
                    url: feeds/{n}.xml
                """);
            ids.Add(id);
        }
        return ids;
    }

    static DateTime NextSlot(DateTime at)
    {
        var seconds = (long)Math.Floor((at - DateTime.UnixEpoch).TotalSeconds);
        return DateTime.UnixEpoch.AddSeconds((seconds / Every + 1) * Every);
    }

    static async Task<DateTime> Now(TestDatabase database) =>
        (await database.ScalarAsync<DateTime>("select now()")).ToUniversalTime();

    static async Task<bool> Ready(int port)
    {
        using var client = new HttpClient();
        try
        {
            return (await client.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    static async Task Until(Func<Task<bool>> condition, TimeSpan limit, string what, Func<string> logs) =>
        await UntilValue(async () => await condition() ? "" : null, limit, what, logs);

    static async Task<T> UntilValue<T>(Func<Task<T?>> probe, TimeSpan limit, string what, Func<string> logs) where T : class
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (await probe() is { } value)
                return value;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"waited {limit} for {what}\n{logs()}");
            await Task.Delay(100);
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Job sites on loopback: one web server on several ports, each port a host the scrapers must be polite to. It
    /// counts the requests in flight per host, holding each answer a little so that overlapping requests would meet.
    /// </summary>
    sealed class SiteServer : IAsyncDisposable
    {
        readonly WebApplication app;
        readonly int slowPort;
        readonly ConcurrentDictionary<int, int> inFlight = new();
        readonly ConcurrentDictionary<string, int> mostByHost = new();
        readonly ConcurrentDictionary<int, byte> added = new();
        int allInFlight, mostOverall;

        SiteServer(WebApplication app, IReadOnlyList<int> ports, int slowPort)
        {
            this.app = app;
            this.slowPort = slowPort;
            Hosts = ports.Select(p => $"http://127.0.0.1:{p}/").ToList();
            SlowHost = $"http://127.0.0.1:{slowPort}/";
        }

        public List<string> Hosts { get; }
        public string SlowHost { get; }
        public IReadOnlyDictionary<string, int> MostAtOnceByHost => mostByHost;
        public int MostAtOnceOverall => Volatile.Read(ref mostOverall);

        /// <summary>From now on source <paramref name="n"/>'s feed lists a second posting.</summary>
        public void AddPosting(int n) => added[n] = 0;

        public static async Task<SiteServer> StartAsync(int hosts)
        {
            var ports = Enumerable.Range(0, hosts).Select(_ => FreePort()).ToList();
            var slow = FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls([.. ports.Append(slow).Select(p => $"http://127.0.0.1:{p}")]);
            var app = builder.Build();
            var server = new SiteServer(app, ports, slow);
            app.MapGet("/feeds/{n:int}.xml", server.FeedAsync);
            await app.StartAsync();
            return server;
        }

        async Task<IResult> FeedAsync(HttpContext http, int n)
        {
            var port = http.Connection.LocalPort;
            var now = inFlight.AddOrUpdate(port, 1, (_, v) => v + 1);
            mostByHost.AddOrUpdate($"127.0.0.1:{port}", now, (_, v) => Math.Max(v, now));
            var all = Interlocked.Increment(ref allInFlight);
            InterlockedMax(ref mostOverall, all);
            try
            {
                await Task.Delay(port == slowPort ? SlowAnswer : TimeSpan.FromMilliseconds(60));
                var extra = added.ContainsKey(n)
                    ? $"<item><title>Platform Engineer {n:00}</title><link>https://example.org/jobs/{n}-2</link><guid>job-{n}-2</guid><description>Runs the platform.</description></item>"
                    : "";
                return Results.Text($"""
                    <?xml version="1.0" encoding="utf-8"?>
                    <rss version="2.0"><channel><title>Town {n}</title><link>https://example.org/</link><description>Jobs</description>
                    <item><title>Software Engineer {n:00}</title><link>https://example.org/jobs/{n}-1</link><guid>job-{n}-1</guid><description>Builds the town's services.</description></item>
                    {extra}
                    </channel></rss>
                    """, "application/rss+xml; charset=utf-8");
            }
            finally
            {
                Interlocked.Decrement(ref allInFlight);
                inFlight.AddOrUpdate(port, 0, (_, v) => v - 1);
            }
        }

        static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
