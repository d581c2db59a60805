using Aggregator.Scraping;
using Aggregator.Demo;
using Aggregator.Sources;
using Aggregator.Sources.Adapters;
using Aggregator.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Aggregator.Tests.Sources;

/// <summary>
/// One contract over every adapter, end to end: definition, real fetcher, loopback replay, runner, PostgreSQL.
/// Each platform folder in <c>Fixtures/contract/</c> holds a definition (<c>contract-&lt;platform&gt;.yml</c>),
/// what to expect (<c>contract.yml</c>), an <c>ok</c> replay (two pages or more where the platform pages) and an
/// <c>empty</c> one (valid, zero postings). The failure scenarios are built from <c>ok</c> at run time by
/// putting one route in front of its first one: a 500 served once, a delay past the attempt timeout, a body over
/// the size cap, an HTML maintenance page.
/// </summary>
public sealed class AdapterContractTests(PostgresFixture postgres)
{
    static readonly string[] platforms = ["greenhouse", "html", "icims", "jobaps", "jsonld", "lever", "neogov", "neogov-feed", "oracle", "rss", "smartrecruiters", "socrata", "successfactors", "successfactors-rss", "taleo", "uk-csj", "usajobs", "workday"];

    public static TheoryData<string> Platforms => new(platforms);

    [Fact]
    public void EveryAdapterHasAContractFolder()
    {
        var covered = platforms.Select(p => Source.LoadDefinition(p).Platform.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(AdapterRegistry.Platforms, covered.Order(StringComparer.Ordinal));
        Assert.Equal(platforms.Order(StringComparer.Ordinal), Directory.GetDirectories(Fixtures.Path("contract")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task EveryPageIsFetchedAndEveryPostingStored(string platform)
    {
        await using var source = await Source.StartAsync(postgres, platform);

        var report = await source.RunAsync("ok");

        Assert.Equal((ScrapeOutcome.Succeeded, null), (report.Outcome, report.Error));
        Assert.Equal((source.Contract.Postings, source.Contract.Postings, 0), (report.Seen, report.New, report.Closed));
        Assert.Equal(source.Contract.Postings, await source.OpenJobsAsync());
        foreach (var route in ReplayServer.LoadFolder(source.Folder("ok")).Routes)
            Assert.True(source.Requested("ok", route) > 0, $"{platform}: nothing requested {route.Method ?? "GET"} {route.Path} {string.Join('&', route.Query.Select(q => $"{q.Key}={q.Value}"))}");
        var run = await source.LastRunAsync();
        Assert.Equal((ScrapeOutcome.Succeeded, source.Contract.Postings, report.Requests), (run.Outcome, run.New, run.Requests));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task AnUnchangedSourceAnswers304AndOnlyLastSeenMoves(string platform)
    {
        await using var source = await Source.StartAsync(postgres, platform);
        if (source.Contract.NotModifiedSkip is { } reason)
            Assert.Skip($"{platform}: {reason}");
        source.Variant("etag", routes =>
        {
            for (var i = 0; i < routes.Count; i++)
            {
                if (routes[i].Method is null or "GET")
                    routes[i].Etag = $"\"contract-{i}\"";
            }
        });
        var first = await source.RunAsync("etag");
        Assert.Equal(ScrapeOutcome.Succeeded, first.Outcome);
        var before = await source.JobsAsync();
        var lastSeen = await source.Host.ScalarAsync<DateTime>("select max(last_seen_at) from jobs");

        var second = await source.RunAsync("etag");

        Assert.Equal((ScrapeOutcome.NotModified, null), (second.Outcome, second.Error));
        Assert.Equal((0, 0, 0, source.Contract.Postings), (second.New, second.Updated, second.Closed, second.Seen));
        Assert.Equal(before, await source.JobsAsync());
        Assert.True(await source.Host.ScalarAsync<DateTime>("select min(last_seen_at) from jobs") > lastSeen);
        Assert.Equal(ScrapeOutcome.NotModified, (await source.LastRunAsync()).Outcome);
        Assert.Equal(0, (await source.HealthAsync()).ConsecutiveFailures);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task AServerErrorIsRetriedAndTheRunSucceeds(string platform)
    {
        await using var source = await Source.StartAsync(postgres, platform);
        source.Variant("flaky", routes => routes.Insert(0, Copy(routes[0], r =>
        {
            r.Status = 500;
            r.Times = 1;
            r.File = null;
            r.ContentType = "text/plain";
        })));

        var report = await source.RunAsync("flaky");

        Assert.Equal((ScrapeOutcome.Succeeded, null), (report.Outcome, report.Error));
        Assert.Equal((source.Contract.Postings, 0), (report.New, report.Closed));
        Assert.Equal(report.Requests + 1, source.RequestsTo("flaky"));
        Assert.Equal(0, (await source.HealthAsync()).ConsecutiveFailures);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task ATimeoutFailsTheRunAndLosesNothing(string platform)
    {
        // A shorter attempt timeout than TestHost's 1 s keeps three timed-out attempts per platform quick.
        await using var source = await Source.StartAsync(postgres, platform, new() { ["Scraping:AttemptTimeout"] = "00:00:00.250" });
        source.Variant("slow", routes => routes.Insert(0, Copy(routes[0], r =>
        {
            r.DelayMs = 1500;
            r.Times = null;
        })));

        await FailureLosesNothing(source, "slow", ScrapeOutcome.Failed, "timed out");
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task AResponseOverTheSizeCapFailsTheRunAndLosesNothing(string platform)
    {
        const int cap = 16 * 1024;
        await using var source = await Source.StartAsync(postgres, platform);
        // The definition's max_response_bytes: it overrides every platform's own cap.
        source.MaxResponseBytes = cap;
        source.Variant("big", routes => routes.Insert(0, Copy(routes[0], r =>
        {
            // The same answer, padded with trailing whitespace (still valid JSON, XML or HTML) past the cap.
            var body = File.ReadAllBytes(Path.Combine(source.Folder("big"), r.File!));
            Assert.True(body.Length < cap, $"{platform}: {r.File} must fit the cap for the ok run");
            File.WriteAllBytes(Path.Combine(source.Folder("big"), "big-" + r.File), [.. body, .. Enumerable.Repeat((byte)' ', cap)]);
            r.File = "big-" + r.File;
            r.Times = null;
        })));

        await FailureLosesNothing(source, "big", ScrapeOutcome.Failed, "response cap");
    }

    [Fact]
    public async Task AWholeBoardPlatformIsCappedByItsOwnDefaultNotTheGeneralSetting()
    {
        // A Greenhouse board is one response with every description: the general cap is for pages, not boards.
        await using var source = await Source.StartAsync(postgres, "greenhouse", new() { ["Scraping:MaxResponseBytes"] = "1024" });

        var report = await source.RunAsync("ok");

        Assert.Equal((ScrapeOutcome.Succeeded, source.Contract.Postings), (report.Outcome, report.New));
        Assert.Equal(256L * 1024 * 1024, AdapterRegistry.Get("greenhouse").MaxResponseBytes);
        Assert.Null(AdapterRegistry.Get("usajobs").MaxResponseBytes);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task AnHtmlMaintenancePageFailsWithAClearErrorAndLosesNothing(string platform)
    {
        await using var source = await Source.StartAsync(postgres, platform);
        source.Variant("maintenance", routes => routes.Insert(0, Copy(routes[0], r =>
        {
            File.Copy(Fixtures.Path("contract", "maintenance.html"), Path.Combine(source.Folder("maintenance"), "maintenance.html"));
            r.File = "maintenance.html";
            r.ContentType = "text/html; charset=utf-8";
            r.Times = null;
        })));

        var expected = source.Contract.HtmlError;
        await FailureLosesNothing(source, "maintenance", ScrapeOutcomes.Parse(expected.Outcome), expected.Error);
        // A failure names what came instead; a suspect run (an HTML adapter finding no items) has nothing to name.
        if (expected.Outcome == "failed")
            Assert.Contains("Down for maintenance", (await source.LastRunAsync()).Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task AListThatParsesToZeroItemsIsSuspectAndClosesNothing(string platform)
    {
        await using var source = await Source.StartAsync(postgres, platform);

        await FailureLosesNothing(source, "empty", ScrapeOutcome.Suspect, "zero postings");
    }

    /// <summary>Stores the ok postings, runs the broken variant, and checks that nothing stored moved and the run says why.</summary>
    static async Task FailureLosesNothing(Source source, string folder, ScrapeOutcome outcome, string error)
    {
        var ok = await source.RunAsync("ok");
        Assert.Equal((ScrapeOutcome.Succeeded, source.Contract.Postings), (ok.Outcome, ok.New));
        var before = await source.JobsAsync();

        var report = await source.RunAsync(folder);

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.Equal(outcome, report.Outcome);
        Assert.Contains(error, report.Error, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), (report.New, report.Updated, report.Closed));
        Assert.Equal(before, await source.JobsAsync());
        Assert.Equal(source.Contract.Postings, await source.OpenJobsAsync());
        var run = await source.LastRunAsync();
        Assert.Equal((outcome, 0), (run.Outcome, run.Closed));
        Assert.Contains(error, run.Error, StringComparison.Ordinal);
        var health = await source.HealthAsync();
        Assert.Equal(1, health.ConsecutiveFailures);
        Assert.Contains(error, health.LastError, StringComparison.Ordinal);
    }

    static ReplayRoute Copy(ReplayRoute route, Action<ReplayRoute> change)
    {
        var copy = new ReplayRoute
        {
            Path = route.Path, Query = new(route.Query), Method = route.Method, File = route.File, ContentType = route.ContentType,
            Status = route.Status, Times = route.Times, DelayMs = route.DelayMs, Etag = route.Etag, LastModified = route.LastModified,
        };
        change(copy);
        return copy;
    }

    /// <summary><c>contract.yml</c>: what the platform's fixtures must produce.</summary>
    public sealed class Contract
    {
        /// <summary>Postings the ok replay holds, across all its pages.</summary>
        public int Postings { get; set; }
        /// <summary>Why the 304 scenario cannot apply to this platform; said in the test output, never silent.</summary>
        public string? NotModifiedSkip { get; set; }
        /// <summary>What the maintenance page served in place of the first answer must produce.</summary>
        public Expectation HtmlError { get; set; } = new();
    }

    public sealed class Expectation
    {
        public string Outcome { get; set; } = "failed";
        public string Error { get; set; } = "";
    }

    /// <summary>One platform's fixtures copied to a scratch replay root, with a test host serving it.</summary>
    sealed class Source : IAsyncDisposable
    {
        static readonly IDeserializer reader = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        static readonly ISerializer writer = new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull).Build();

        readonly string platform;
        readonly string root;

        Source(string platform, string root, TestHost host, Contract contract)
        {
            this.platform = platform;
            this.root = root;
            Host = host;
            Contract = contract;
        }

        public TestHost Host { get; }
        public Contract Contract { get; }
        string Id => "contract-" + platform;

        public static SourceDefinition LoadDefinition(string platform)
        {
            var (definition, errors) = DefinitionLoader.LoadFile(Fixtures.Path("contract", platform, $"contract-{platform}.yml"));
            Assert.Empty(errors);
            return definition!;
        }

        public static async Task<Source> StartAsync(PostgresFixture postgres, string platform, Dictionary<string, string?>? settings = null)
        {
            var root = TestRun.Scratch("contract");
            foreach (var folder in new[] { "ok", "empty" })
                CopyFolder(Fixtures.Path("contract", platform, folder), Path.Combine(root, folder));
            var contract = reader.Deserialize<Contract>(File.ReadAllText(Fixtures.Path("contract", platform, "contract.yml")));
            return new Source(platform, root, await TestHost.StartAsync(postgres, root, settings), contract);
        }

        public string Folder(string name) => Path.Combine(root, name);

        /// <summary>A copy of the ok folder whose routes <paramref name="change"/> rewrites.</summary>
        public void Variant(string name, Action<List<ReplayRoute>> change)
        {
            CopyFolder(Folder("ok"), Folder(name));
            var replay = ReplayServer.LoadFolder(Folder(name));
            change(replay.Routes);
            File.WriteAllText(Path.Combine(Folder(name), "replay.yml"), writer.Serialize(replay));
        }

        /// <summary>The definition's <c>max_response_bytes</c> for every run; null keeps the file's.</summary>
        public long? MaxResponseBytes { get; set; }

        public Task<ScrapeReport> RunAsync(string folder)
        {
            var definition = Host.Definition(Fixtures.Path("contract", platform, $"contract-{platform}.yml"), folder);
            definition.MaxResponseBytes = MaxResponseBytes ?? definition.MaxResponseBytes;
            return Host.Runner.RunAsync(definition, CancellationToken.None);
        }

        /// <summary>How many requests reached a folder (robots.txt is the server's, not the folder's).</summary>
        public int RequestsTo(string folder) => Host.Replay.Requests.Count(r => r.Split(' ')[1].StartsWith($"/{folder}/", StringComparison.Ordinal));

        /// <summary>How many requests to <paramref name="folder"/> the route would match.</summary>
        public int Requested(string folder, ReplayRoute route) => Host.Replay.Requests.Count(r =>
        {
            var (method, target) = (r.Split(' ')[0], r.Split(' ')[1]);
            var queryStart = target.IndexOf('?', StringComparison.Ordinal);
            var path = queryStart < 0 ? target : target[..queryStart];
            var query = QueryHelpers.ParseQuery(queryStart < 0 ? "" : target[queryStart..]);
            return string.Equals(path, $"/{folder}{route.Path}", StringComparison.OrdinalIgnoreCase)
                && (route.Method is null || string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
                && route.Query.All(q => query.TryGetValue(q.Key, out var v) && v == q.Value);
        });

        /// <summary>Everything stored about each job except last_seen_at, which a run is allowed to move.</summary>
        public Task<string> JobsAsync() => Host.ScalarAsync<string>("""
            select coalesce(string_agg(concat_ws('|', external_id, content_hash, title, url, first_seen_at, updated_at, coalesce(closed_at::text, 'open')), E'\n' order by external_id), '')
            from jobs
            """);

        public Task<int> OpenJobsAsync() => Host.Jobs.CountOpenAsync(Id, CancellationToken.None);

        public async Task<ScrapeRun> LastRunAsync() =>
            (await Host.Services.GetRequiredService<ScrapeRunStore>().RecentAsync(Id, 1, CancellationToken.None))[0];

        public async Task<SourceHealth> HealthAsync() =>
            (await Host.Services.GetRequiredService<SourceStore>().ListAsync(CancellationToken.None)).Single(s => s.Id == Id);

        static void CopyFolder(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from))
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }
}
