using Aggregator.Sources.Adapters;
using Aggregator.Sources.Fetching;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources;

public sealed class FetcherTests(PostgresFixture postgres)
{
    static FetchRequest Get(TestHost host, string path, bool page = false) => new(new Uri(host.Replay.BaseAddress, path)) { IsPage = page };

    [Fact]
    public async Task AResponseOverTheSizeCapIsRefused()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"), new() { ["Scraping:MaxResponseBytes"] = "1000" });
        var fetcher = host.Services.GetRequiredService<Fetcher>();

        var e = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(Get(host, "v1/api/Search"), null, CancellationToken.None));

        Assert.Contains("response cap", e.Message);
    }

    [Fact]
    public async Task RequestsCarryTheUserAgentWithTheContactAddress()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("fetcher"));
        var fetcher = host.Services.GetRequiredService<Fetcher>();

        var result = await fetcher.FetchAsync(Get(host, "site/echo-agent"), null, CancellationToken.None);

        Assert.False(result.NotModified);
        Assert.Contains(host.Replay.Requests, r => r.StartsWith("GET /site/echo-agent", StringComparison.Ordinal));
        Assert.Equal("ok", result.Content!.Text.Trim());
        Assert.Equal("AggregatorBot/1.0 (+https://github.com/aggregator-jobs/aggregator) contact: tests@example.org", host.Replay.UserAgents.Last());
    }

    [Fact]
    public async Task RobotsTxtIsHonouredForCrawledPages()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("fetcher"));
        var fetcher = host.Services.GetRequiredService<Fetcher>();

        // The loopback server has one origin, so its robots.txt is the folder-level one served at /robots.txt.
        var e = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(Get(host, "site/private/list", page: true), null, CancellationToken.None));
        Assert.Contains("robots.txt", e.Message);

        var allowed = await fetcher.FetchAsync(Get(host, "site/echo-agent", page: true), null, CancellationToken.None);
        Assert.NotNull(allowed.Content);
        // An API request is not crawling: robots.txt is not consulted for it.
        var api = await fetcher.FetchAsync(Get(host, "site/private/list"), null, CancellationToken.None);
        Assert.NotNull(api.Content);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(403)]
    [InlineData(401)]
    public async Task ARobotsTxtAnswering4xxMeansNoRulesSoPagesAreFetched(int status)
    {
        await using var host = await TestHost.StartAsync(postgres, RobotsAnswering(status));
        var fetcher = host.Services.GetRequiredService<Fetcher>();

        var page = await fetcher.FetchAsync(Get(host, "site/private/list", page: true), null, CancellationToken.None);

        Assert.Equal("ok", page.Content!.Text.Trim());
        Assert.Equal(["GET /robots.txt", "GET /site/private/list"], host.Replay.Requests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task ARobotsTxtAnswering5xxDisallowsEveryPageAndNoneIsRequested(int status)
    {
        await using var host = await TestHost.StartAsync(postgres, RobotsAnswering(status));
        var fetcher = host.Services.GetRequiredService<Fetcher>();

        var e = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(Get(host, "site/echo-agent", page: true), null, CancellationToken.None));

        Assert.Contains("disallowed by", e.Message, StringComparison.Ordinal);
        Assert.Contains("/robots.txt", e.Message, StringComparison.Ordinal);
        Assert.Contains(host.Replay.Requests, r => r == "GET /robots.txt");
        Assert.DoesNotContain(host.Replay.Requests, r => r.StartsWith("GET /site/", StringComparison.Ordinal));
        // An API request is not crawling, so it still goes out.
        Assert.Equal("ok", (await fetcher.FetchAsync(Get(host, "site/echo-agent"), null, CancellationToken.None)).Content!.Text.Trim());
    }

    /// <summary>A replay root whose robots.txt answers <paramref name="status"/>, beside the fetcher's site folder.</summary>
    static string RobotsAnswering(int status) =>
        RobotsReplay($"routes:\n  - path: /robots.txt\n    status: {status}\n    content_type: text/plain\n");

    /// <summary>A replay root with the fetcher's site folder and the given root replay.yml (which may name files written beside it).</summary>
    static string RobotsReplay(string replayYaml, params (string Name, string Text)[] files)
    {
        var root = TestRun.Scratch("robots");
        var site = Directory.CreateDirectory(Path.Combine(root, "site")).FullName;
        foreach (var file in Directory.GetFiles(Fixtures.Path("fetcher", "site")))
            File.Copy(file, Path.Combine(site, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(root, "replay.yml"), replayYaml);
        foreach (var (name, text) in files)
            File.WriteAllText(Path.Combine(root, name), text);
        return root;
    }

    const string RobotsThen200 = """
        routes:
          - path: /robots.txt
            status: 503
            times: 3
            content_type: text/plain
          - path: /robots.txt
            file: allow.txt
            content_type: text/plain
        """;

    [Fact]
    public async Task ARobotsTxtThatAnswered5xxIsAskedAgainAfterTheRetryDelayNotADayLater()
    {
        await using var host = await TestHost.StartAsync(postgres, RobotsReplay(RobotsThen200, ("allow.txt", "User-agent: *\nAllow: /\n")),
            new() { ["Scraping:RobotsErrorRetry"] = "00:00:00" });
        var fetcher = host.Services.GetRequiredService<Fetcher>();

        await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(Get(host, "site/private/list") with { IsPage = true }, null, CancellationToken.None));
        var page = await fetcher.FetchAsync(Get(host, "site/private/list") with { IsPage = true }, null, CancellationToken.None);

        Assert.NotNull(page.Content);
        // Three answers of 503 (the request and the resilience pipeline's two retries), then a 200 on the next run's ask.
        Assert.Equal([.. Enumerable.Repeat("GET /robots.txt", 4), "GET /site/private/list"], host.Replay.Requests);
    }

    [Fact]
    public async Task WhenRobotsTxtBecomesUnreachableTheCopyReadEarlierStillDecides()
    {
        const string replay = """
            routes:
              - path: /robots.txt
                file: rules.txt
                times: 1
                content_type: text/plain
              - path: /robots.txt
                status: 500
                content_type: text/plain
            """;
        await using var host = await TestHost.StartAsync(postgres, RobotsReplay(replay, ("rules.txt", "User-agent: *\nDisallow: /site/private/\n")),
            new() { ["Scraping:RobotsCacheDuration"] = "00:00:00" });
        var fetcher = host.Services.GetRequiredService<Fetcher>();

        Assert.NotNull((await fetcher.FetchAsync(Get(host, "site/echo-agent") with { IsPage = true }, null, CancellationToken.None)).Content);
        // The copy expired at once; robots.txt now answers 500, and the rules read before still allow /site/echo-agent …
        Assert.NotNull((await fetcher.FetchAsync(Get(host, "site/echo-agent") with { IsPage = true }, null, CancellationToken.None)).Content);
        // … and still forbid /site/private/.
        await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(Get(host, "site/private/list") with { IsPage = true }, null, CancellationToken.None));
        Assert.Equal(2, host.Replay.Requests.Count(r => r == "GET /site/echo-agent"));
    }

    [Fact]
    public async Task OnlyTheFirst500KiBOfAHugeRobotsTxtAreRead()
    {
        var huge = "User-agent: *\nDisallow: /site/private/\n" + new string('#', 2 * 1024 * 1024) + "\nDisallow: /site/\n";
        await using var host = await TestHost.StartAsync(postgres, RobotsReplay(
            "routes:\n  - path: /robots.txt\n    file: huge.txt\n    content_type: text/plain\n", ("huge.txt", huge)));
        var fetcher = host.Services.GetRequiredService<Fetcher>();

        // The Disallow past the cap is never read, so /site/echo-agent stays allowed; the one before it holds.
        Assert.NotNull((await fetcher.FetchAsync(Get(host, "site/echo-agent") with { IsPage = true }, null, CancellationToken.None)).Content);
        await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(Get(host, "site/private/list") with { IsPage = true }, null, CancellationToken.None));
    }

    [Fact]
    public async Task OneHostIsAskedOneRequestAtATimeWithTheConfiguredDelay()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("fetcher"), new() { ["Scraping:HostDelay"] = "00:00:00.300" });
        var fetcher = host.Services.GetRequiredService<Fetcher>();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fetcher.FetchAsync(Get(host, "site/echo-agent"), null, CancellationToken.None)));

        // Three requests with two enforced pauses between them cannot finish sooner than the pauses.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(600), $"took {clock.Elapsed}");
    }

    [Fact]
    public void RobotsRulesFollowRfc9309()
    {
        var robots = RobotsTxt.Parse("""
            User-agent: *
            Disallow: /private
            Allow: /private/public
            Disallow: /*.pdf$

            User-agent: OtherBot
            Disallow: /
            """, "AggregatorBot");

        Assert.False(robots.IsAllowed(new Uri("https://x.test/private/list")));
        Assert.True(robots.IsAllowed(new Uri("https://x.test/private/public/jobs")));
        Assert.False(robots.IsAllowed(new Uri("https://x.test/files/a.pdf")));
        Assert.True(robots.IsAllowed(new Uri("https://x.test/files/a.pdf?x=1")));
        Assert.True(robots.IsAllowed(new Uri("https://x.test/jobs")));
        Assert.False(RobotsTxt.Parse("User-agent: aggregatorbot\nDisallow: /", "AggregatorBot").IsAllowed(new Uri("https://x.test/jobs")));
    }

    [Theory]
    [InlineData("User-agent: A\nDisallow: /\n\nUser-agent: *\nAllow: /\n", true)]
    [InlineData("User-agent: Aggregator\nDisallow: /\n\nUser-agent: *\nAllow: /\n", true)]
    [InlineData("User-agent: AGGREGATORBOT\nDisallow: /\n\nUser-agent: *\nAllow: /\n", false)]
    [InlineData("User-agent: AggregatorBot/2.1\nDisallow: /\n", false)]
    [InlineData("User-agent: other\nUser-agent: aggregatorbot\nDisallow: /jobs\n\nUser-agent: *\nDisallow: /\n", false)]
    public void OnlyAGroupNamingOurWholeProductTokenIsOurs(string robots, bool allowed) =>
        Assert.Equal(allowed, RobotsTxt.Parse(robots, "AggregatorBot").IsAllowed(new Uri("https://x.test/jobs")));

    [Fact]
    public void WithoutAGroupOfOursTheStarGroupApplies()
    {
        Assert.False(RobotsTxt.Parse("User-agent: A\nAllow: /\n\nUser-agent: *\nDisallow: /\n", "AggregatorBot").IsAllowed(new Uri("https://x.test/jobs")));
    }
}
