using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Aggregator.Feeds;
using Aggregator.Postings;
using Aggregator.Scraping;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.WebSub;

/// <summary>
/// The hub end to end over loopback: a real subscriber (<see cref="WebSubSubscriber"/>) subscribes through
/// <c>POST /websub</c>, answers the verification, and receives the pushes a job change causes. The methods of this class
/// run one after another, so the process-wide WebSub metrics move only by what each of them does.
/// </summary>
public sealed class WebSubTests(PostgresFixture postgres)
{
    static readonly XNamespace atom = "http://www.w3.org/2005/Atom";
    const string Secret = "a subscriber's secret ✓";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task OnlyTheChangedTopicIsPushedSignedAndEqualToTheFeed()
    {
        await using var host = await StartAsync();
        await using var subscriber = await WebSubSubscriber.StartAsync();
        var alpha = Topic(host, "feeds/jobs.atom?source=alpha-city");
        var beta = Topic(host, "feeds/roles/software-engineering.json?source=beta-county");
        var deliveredBefore = await MetricAsync(host, "delivered");

        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(host, alpha, subscriber.Callback("alpha"), Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(host, beta, subscriber.Callback("beta"), Secret)).StatusCode);
        await WaitForAsync(async () => await SubscriptionsAsync(host) == 2, "both subscriptions are verified");
        var verifications = subscriber.Verifications.OrderBy(v => v.Callback).ToList();
        Assert.Equal(["alpha", "beta"], verifications.Select(v => v.Callback));
        Assert.All(verifications, v => Assert.Equal(("subscribe", "864000"), (v.Mode, v.LeaseSeconds)));
        Assert.Equal([alpha, beta], verifications.Select(v => v.Topic));
        Assert.Equal(2, verifications.Select(v => v.Challenge).Distinct().Count());

        // A job of alpha-city changes; nothing of beta-county does.
        await host.UpsertAsync("alpha-city", JobsHost.Job("alpha-city", "a1", "Senior Software Engineer"), JobsHost.Job("alpha-city", "a2", "Data Engineer", role: "data-engineering"));
        await host.Web.Services.GetRequiredService<JobsChanges>().PublishAsync(CancellationToken.None);
        await WaitForAsync(() => Task.FromResult(subscriber.Pushes.Count >= 1), "the changed topic is pushed");
        // Whatever the notified round has not claimed yet is claimed here; the unchanged topic has nothing to claim.
        Assert.Equal(0, await host.Web.Services.GetRequiredService<WebSubHub>().DistributeAsync(CancellationToken.None));

        var push = Assert.Single(subscriber.Pushes);
        Assert.Equal("alpha", push.Callback);
        var served = await host.Client.GetByteArrayAsync(alpha);
        Assert.Equal(Encoding.UTF8.GetString(served), Encoding.UTF8.GetString(push.Body));
        Assert.Equal(2, XDocument.Parse(Encoding.UTF8.GetString(push.Body)).Root!.Elements(atom + "entry").Count());
        Assert.Equal("application/atom+xml; charset=utf-8", push.ContentType);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), push.Body)), push.Signature);
        Assert.Contains($"<{alpha}>; rel=\"self\"", push.Link, StringComparison.Ordinal);
        Assert.Contains($"<{host.Web.Address}websub>; rel=\"hub\"", push.Link, StringComparison.Ordinal);
        await WaitForAsync(async () => await MetricAsync(host, "delivered") == deliveredBefore + 1, "the delivery is counted");

        // Another notification with nothing changed pushes nothing.
        await host.Web.Services.GetRequiredService<JobsChanges>().PublishAsync(CancellationToken.None);
        Assert.Equal(0, await host.Web.Services.GetRequiredService<WebSubHub>().DistributeAsync(CancellationToken.None));
        await Task.Delay(500);
        Assert.Single(subscriber.Pushes);
    }

    [Fact]
    public async Task EachChangeReachesASubscriberOnceAcrossTwoNodes()
    {
        await using var host = await StartAsync();
        await using var second = await WebHost.StartAsync(host.Db, OnLoopback());
        await using var subscriber = await WebSubSubscriber.StartAsync();
        var alpha = Topic(host, "feeds/jobs.rss?source=alpha-city");
        await SubscribeAndWaitAsync(host, alpha, subscriber.Callback("alpha"));

        for (var change = 1; change <= 3; change++)
        {
            await host.UpsertAsync("alpha-city", JobsHost.Job("alpha-city", "a1", $"Software Engineer {change}"));
            await host.Web.Services.GetRequiredService<JobsChanges>().PublishAsync(CancellationToken.None);
            // Both nodes hear the notification and race for the push, and both are asked again directly.
            await Task.WhenAll(
                host.Web.Services.GetRequiredService<WebSubHub>().DistributeAsync(CancellationToken.None),
                second.Services.GetRequiredService<WebSubHub>().DistributeAsync(CancellationToken.None));
            var expected = change;
            await WaitForAsync(() => Task.FromResult(subscriber.Pushes.Count >= expected), $"change {change} is pushed");
        }
        await Task.Delay(500);

        Assert.Equal(3, subscriber.Pushes.Count);
        Assert.Equal(["Software Engineer 1", "Software Engineer 2", "Software Engineer 3"],
            subscriber.Pushes.Select(p => XDocument.Parse(Encoding.UTF8.GetString(p.Body)).Descendants("item").Single().Element("title")!.Value.Split(" – ")[0]));
    }

    [Fact]
    public async Task AScrapeRunOnAnotherNodePushesOnlyTheTopicItChanged()
    {
        await using var scraping = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        var settings = new Dictionary<string, string?>
        {
            ["Scraping:HostDelay"] = "00:00:00",
            ["UsaJobs:ApiKey"] = "test-key",
            ["UsaJobs:Email"] = "tests@example.org",
            ["WebSub:AllowPrivateCallbacks"] = "true",
        };
        await using var scheduler = await WebHost.StartAsync(scraping.Db, settings);
        await using var api = await WebHost.StartAsync(scraping.Db, settings);
        var runner = scheduler.Services.GetRequiredService<ScrapeRunner>();
        var definition = Fixtures.Path("definitions", "test-usajobs.yml");
        await runner.RunAsync(scraping.Definition(definition, "v1"), CancellationToken.None);
        await using var subscriber = await WebSubSubscriber.StartAsync();
        var every = new Uri(api.Address, "feeds/jobs.atom").AbsoluteUri;
        var empty = new Uri(api.Address, "feeds/roles/product-management.json").AbsoluteUri; // no job of the fixture is in it
        foreach (var (topic, name) in new[] { (every, "every"), (empty, "empty") })
            Assert.Equal(HttpStatusCode.Accepted, (await api.Client.PostAsync("/websub", new FormUrlEncodedContent(new Dictionary<string, string>
                { ["hub.mode"] = "subscribe", ["hub.topic"] = topic, ["hub.callback"] = subscriber.Callback(name), ["hub.secret"] = Secret }))).StatusCode);
        await WaitForAsync(async () => await scraping.ScalarAsync<int>("select count(*)::int from websub_subscriptions") == 2, "both subscriptions are verified");

        // v2 changes a job: the scheduler node's run notifies, and one of the two nodes pushes.
        var before = await api.Client.GetStringAsync(every);
        var report = await runner.RunAsync(scraping.Definition(definition, "v2"), CancellationToken.None);
        await WaitForAsync(() => Task.FromResult(subscriber.Pushes.Count >= 1), "the run's change is pushed");
        // And a run that changes nothing notifies no one; asked anyway, neither node finds anything to push.
        var unchanged = await runner.RunAsync(scraping.Definition(definition, "v2"), CancellationToken.None);
        Assert.Equal(0, await scheduler.Services.GetRequiredService<WebSubHub>().DistributeAsync(CancellationToken.None));
        Assert.Equal(0, await api.Services.GetRequiredService<WebSubHub>().DistributeAsync(CancellationToken.None));
        await Task.Delay(500);

        Assert.True(report.New + report.Updated + report.Closed > 0, report.ToString());
        Assert.Equal((0, 0, 0), (unchanged.New, unchanged.Updated, unchanged.Closed));
        var push = Assert.Single(subscriber.Pushes);
        Assert.Equal("every", push.Callback);
        Assert.Equal(Encoding.UTF8.GetString(await api.Client.GetByteArrayAsync(every)), Encoding.UTF8.GetString(push.Body));
        Assert.NotEqual(before, Encoding.UTF8.GetString(push.Body));
        Assert.Equal(3, XDocument.Parse(Encoding.UTF8.GetString(push.Body)).Root!.Elements(atom + "entry").Count());
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), push.Body)), push.Signature);
    }

    [Fact]
    public async Task APushClaimedByANodeThatDiedIsMadeOnceItsClaimLapses()
    {
        await using var host = await StartAsync();
        await using var subscriber = await WebSubSubscriber.StartAsync();
        var alpha = Topic(host, "feeds/jobs.atom?source=alpha-city");
        await SubscribeAndWaitAsync(host, alpha, subscriber.Callback("alpha"));
        var hub = host.Web.Services.GetRequiredService<WebSubHub>();

        // Another node claims the push of the changed feed, then dies before making it.
        await host.UpsertAsync("alpha-city", JobsHost.Job("alpha-city", "a1", "Staff Software Engineer"));
        var served = await host.Client.GetByteArrayAsync(alpha);
        var now = DateTimeOffset.UtcNow;
        var dead = await host.Web.Services.GetRequiredService<WebSubStore>().ClaimAsync(alpha, Convert.ToHexStringLower(SHA256.HashData(served)), now, now.AddMinutes(5), CancellationToken.None);
        Assert.Single(dead);
        Assert.Equal(0, await hub.DistributeAsync(CancellationToken.None));
        Assert.Equal(0, await hub.SweepAsync(CancellationToken.None));
        await host.ExecuteAsync("update websub_subscriptions set claimed_until = now() - interval '1 second'");

        Assert.Equal(1, await hub.SweepAsync(CancellationToken.None));
        var push = Assert.Single(subscriber.Pushes);
        Assert.Equal(Encoding.UTF8.GetString(served), Encoding.UTF8.GetString(push.Body));
        Assert.Equal(0, await hub.SweepAsync(CancellationToken.None));
        Assert.Equal(0, await hub.DistributeAsync(CancellationToken.None));
        Assert.Equal(0, await host.ScalarAsync<int>("select count(*)::int from websub_subscriptions where claim is not null or retry_at is not null"));
    }

    [Fact]
    public async Task AFailedPushIsRetriedWithBackoffThenPushedOnceTheSubscriberIsBack()
    {
        await using var host = await StartAsync(new() { ["WebSub:RetryDelay"] = "00:00:00.050", ["WebSub:RetryAttempts"] = "2" });
        await using var subscriber = await WebSubSubscriber.StartAsync();
        var alpha = Topic(host, "feeds/jobs.atom?source=alpha-city");
        await SubscribeAndWaitAsync(host, alpha, subscriber.Callback("alpha"));
        var hub = host.Web.Services.GetRequiredService<WebSubHub>();
        var failedBefore = await MetricAsync(host, "failed");
        subscriber.Failing["alpha"] = true;

        await host.UpsertAsync("alpha-city", JobsHost.Job("alpha-city", "a1", "Software Engineering Manager"));
        Assert.Equal(1, await hub.DistributeAsync(CancellationToken.None));

        Assert.Equal(3, subscriber.Pushes.Count); // the attempt and its two retries
        Assert.Equal(1, await host.ScalarAsync<int>("select failures from websub_subscriptions"));
        Assert.True(await host.ScalarAsync<bool>("select retry_at > now() + interval '50 seconds' and claim is null from websub_subscriptions"));
        // Not due yet: neither a new round nor the sweep pushes it.
        Assert.Equal(0, await hub.DistributeAsync(CancellationToken.None));
        Assert.Equal(0, await hub.SweepAsync(CancellationToken.None));
        await WaitForAsync(async () => await MetricAsync(host, "failed") == failedBefore + 1, "the failure is counted");

        subscriber.Failing.TryRemove("alpha", out _);
        await host.ExecuteAsync("update websub_subscriptions set retry_at = now() - interval '1 second'");
        Assert.Equal(1, await hub.SweepAsync(CancellationToken.None));

        Assert.Equal(4, subscriber.Pushes.Count);
        Assert.Equal(Encoding.UTF8.GetString(await host.Client.GetByteArrayAsync(alpha)), Encoding.UTF8.GetString(subscriber.Pushes[^1].Body));
        Assert.Equal(0, await host.ScalarAsync<int>("select failures from websub_subscriptions"));
        Assert.Equal(0, await hub.SweepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ARefusedVerificationLeavesNoSubscription()
    {
        await using var host = await StartAsync();
        await using var subscriber = await WebSubSubscriber.StartAsync();
        subscriber.Refusing["wrong"] = true;

        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(host, Topic(host, "feeds/jobs.atom"), subscriber.Callback("wrong"), Secret)).StatusCode);
        await WaitForAsync(() => Task.FromResult(host.Web.Logs.Entries.Any(e => e.Message.Contains("refused", StringComparison.Ordinal))), "the hub gives up");

        Assert.Single(subscriber.Verifications);
        Assert.Equal(0, await SubscriptionsAsync(host));
    }

    [Fact]
    public async Task UnsubscribingStopsThePushes()
    {
        await using var host = await StartAsync();
        await using var subscriber = await WebSubSubscriber.StartAsync();
        var alpha = Topic(host, "feeds/jobs.json?source=alpha-city");
        await SubscribeAndWaitAsync(host, alpha, subscriber.Callback("alpha"));

        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(host, alpha, subscriber.Callback("alpha"), null, mode: "unsubscribe")).StatusCode);
        await WaitForAsync(async () => await SubscriptionsAsync(host) == 0, "the unsubscription is verified");
        await host.UpsertAsync("alpha-city", JobsHost.Job("alpha-city", "a1", "Principal Software Engineer"));
        await host.Web.Services.GetRequiredService<JobsChanges>().PublishAsync(CancellationToken.None);

        Assert.Equal(0, await host.Web.Services.GetRequiredService<WebSubHub>().DistributeAsync(CancellationToken.None));
        Assert.Equal(["subscribe", "unsubscribe"], subscriber.Verifications.Select(v => v.Mode));
        Assert.Null(subscriber.Verifications[1].LeaseSeconds);
        Assert.Empty(subscriber.Pushes);
    }

    [Fact]
    public async Task AnExpiredLeaseIsNotPushedAndIsRemoved()
    {
        await using var host = await StartAsync();
        await using var subscriber = await WebSubSubscriber.StartAsync();
        await SubscribeAndWaitAsync(host, Topic(host, "feeds/jobs.atom?source=alpha-city"), subscriber.Callback("alpha"));
        await host.ExecuteAsync("update websub_subscriptions set expires_at = now() - interval '1 second'");

        await host.UpsertAsync("alpha-city", JobsHost.Job("alpha-city", "a1", "Lead Software Engineer"));
        var claimed = await host.Web.Services.GetRequiredService<WebSubHub>().DistributeAsync(CancellationToken.None);

        Assert.Equal(0, claimed);
        Assert.Empty(subscriber.Pushes);
        Assert.Equal(0, await SubscriptionsAsync(host));
    }

    [Fact]
    public async Task ResubscribingRenewsTheLeaseWithinItsBounds()
    {
        await using var host = await StartAsync();
        await using var subscriber = await WebSubSubscriber.StartAsync();
        var topic = Topic(host, "feeds/jobs.atom");
        await SubscribeAndWaitAsync(host, topic, subscriber.Callback("alpha"), lease: "5");
        var first = await host.ScalarAsync<DateTime>("select expires_at from websub_subscriptions");

        await SubscribeAsync(host, topic, subscriber.Callback("alpha"), Secret, lease: "99999999");
        await WaitForAsync(() => Task.FromResult(subscriber.Verifications.Count == 2), "the renewal is verified");
        await WaitForAsync(async () => await host.ScalarAsync<DateTime>("select expires_at from websub_subscriptions") > first, "the lease is renewed");

        Assert.Equal(["3600", "2592000"], subscriber.Verifications.Select(v => v.LeaseSeconds)); // one hour and thirty days, the bounds
        Assert.Equal(1, await SubscriptionsAsync(host));
        Assert.Equal(2_592_000, await host.ScalarAsync<int>("select lease_seconds from websub_subscriptions"));
    }

    [Fact]
    public async Task ASubscriberAnsweringGoneIsRemoved()
    {
        await using var host = await StartAsync();
        await using var subscriber = await WebSubSubscriber.StartAsync();
        subscriber.Gone["alpha"] = true;
        await SubscribeAndWaitAsync(host, Topic(host, "feeds/jobs.atom?source=alpha-city"), subscriber.Callback("alpha"));
        var goneBefore = await MetricAsync(host, "gone");

        await host.UpsertAsync("alpha-city", JobsHost.Job("alpha-city", "a1", "Software Engineer II"));
        await host.Web.Services.GetRequiredService<WebSubHub>().DistributeAsync(CancellationToken.None);
        await WaitForAsync(async () => await SubscriptionsAsync(host) == 0, "the subscription ends");

        Assert.Single(subscriber.Pushes);
        // The exporter caches its answer for a moment.
        await WaitForAsync(async () => await MetricAsync(host, "gone") == goneBefore + 1, "the 410 is counted");
    }

    [Theory]
    [InlineData("hub.topic={topic}&hub.callback={callback}", "hub.mode", "is required")]
    [InlineData("hub.mode=publish&hub.topic={topic}&hub.callback={callback}", "hub.mode", "neither subscribe nor unsubscribe")]
    [InlineData("hub.mode=subscribe&hub.topic={topic}", "hub.callback", "is required")]
    [InlineData("hub.mode=subscribe&hub.topic={topic}&hub.callback=ftp%3A%2F%2Fexample.org%2Fcb", "hub.callback", "not an absolute http(s) address")]
    [InlineData("hub.mode=subscribe&hub.topic=relative%2Ffeed&hub.callback={callback}", "hub.topic", "not an absolute http(s) address")]
    [InlineData("hub.mode=subscribe&hub.topic=https%3A%2F%2Felsewhere.example%2Ffeeds%2Fjobs.atom&hub.callback={callback}", "hub.topic", "is not on this service")]
    [InlineData("hub.mode=subscribe&hub.topic={origin}api%2Fjobs&hub.callback={callback}", "hub.topic", "is not a feed of this service")]
    [InlineData("hub.mode=subscribe&hub.topic={origin}feeds%2Fdeadlines.ics&hub.callback={callback}", "hub.topic", "is not a feed of this service")]
    [InlineData("hub.mode=subscribe&hub.topic={origin}feeds%2Fjobs.atom%3Fposted_within%3Dbanana&hub.callback={callback}", "hub.topic", "posted_within")]
    [InlineData("hub.mode=subscribe&hub.topic={origin}feeds%2Froles%2Fno-such-role.atom&hub.callback={callback}", "hub.topic", "'no-such-role' is not a role slug")]
    [InlineData("hub.mode=subscribe&hub.topic={origin}feeds%2Fjobs.atom%3Fsource%3Dno-such-source&hub.callback={callback}", "hub.topic", "No source has the id 'no-such-source'")]
    [InlineData("hub.mode=subscribe&hub.topic={origin}feeds%2Fjobs.atom%3Fcursor%3Dabc&hub.callback={callback}", "hub.topic", "subscribe to the feed's first page")]
    [InlineData("hub.mode=subscribe&hub.topic={topic}&hub.callback={callback}&hub.lease_seconds=ten", "hub.lease_seconds", "not a whole number")]
    [InlineData("hub.mode=subscribe&hub.topic={topic}&hub.callback={callback}&hub.secret={long-secret}", "hub.secret", "is 200 bytes")]
    [InlineData("hub.mode=subscribe&hub.mode=unsubscribe&hub.topic={topic}&hub.callback={callback}", "hub.mode", "Give this parameter once")]
    public async Task BadRequestsAre400NamingTheParameter(string form, string parameter, string message)
    {
        await using var host = await StartAsync();
        var body = form.Replace("{topic}", Uri.EscapeDataString(Topic(host, "feeds/jobs.atom")), StringComparison.Ordinal)
            .Replace("{origin}", Uri.EscapeDataString(host.Web.Address.AbsoluteUri), StringComparison.Ordinal)
            .Replace("{callback}", Uri.EscapeDataString("http://127.0.0.1:9/callback"), StringComparison.Ordinal)
            .Replace("{long-secret}", new string('s', 200), StringComparison.Ordinal);

        using var response = await host.Client.PostAsync("/websub", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var problems), text);
        Assert.Contains(message, problems[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await SubscriptionsAsync(host));
    }

    [Fact]
    public async Task ARequestThatIsNoFormIs415()
    {
        await using var host = await StartAsync();

        using var response = await host.Client.PostAsync("/websub", new StringContent("{\"hub.mode\":\"subscribe\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/x-www-form-urlencoded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedsAdvertiseTheHubAndTheirCanonicalAddress()
    {
        await using var host = await JobsHost.StartAsync(postgres, new() { ["Site:BaseUrl"] = "https://jobs.example.org/board" });
        await host.SourceAsync("alpha-city", "Alpha City");
        await host.UpsertAsync("alpha-city", JobsHost.Job("alpha-city", "a1", "Software Engineer"));
        const string hub = "https://jobs.example.org/board/websub";

        using var atomResponse = await host.Client.GetAsync("/feeds/jobs.atom?source=alpha-city");
        var atomFeed = XDocument.Parse(await atomResponse.Content.ReadAsStringAsync()).Root!;
        var rss = XDocument.Parse(await host.Client.GetStringAsync("/feeds/roles/software-engineering.rss")).Root!.Element("channel")!;
        var json = await host.JsonAsync("/feeds/jobs.json");
        using var calendar = await host.Client.GetAsync("/feeds/deadlines.ics");

        string? Link(XElement parent, string rel) => parent.Elements(atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == rel)?.Attribute("href")?.Value;
        Assert.Equal(hub, Link(atomFeed, "hub"));
        Assert.Equal("https://jobs.example.org/board/feeds/jobs.atom?source=alpha-city", Link(atomFeed, "self"));
        Assert.Equal(hub, Link(rss, "hub"));
        Assert.Equal("https://jobs.example.org/board/feeds/roles/software-engineering.rss", Link(rss, "self"));
        var hubs = json.GetProperty("hubs");
        Assert.Equal(("WebSub", hub), (hubs[0].GetProperty("type").GetString(), hubs[0].GetProperty("url").GetString()));
        Assert.Equal("https://jobs.example.org/board/feeds/jobs.json", json.GetProperty("feed_url").GetString());
        var link = string.Join(", ", atomResponse.Headers.GetValues("Link"));
        Assert.Contains($"<{hub}>; rel=\"hub\"", link, StringComparison.Ordinal);
        Assert.Contains("<https://jobs.example.org/board/feeds/jobs.atom?source=alpha-city>; rel=\"self\"", link, StringComparison.Ordinal);
        // Calendar clients poll: no hub there.
        Assert.DoesNotContain("rel=\"hub\"", string.Join(", ", calendar.Headers.TryGetValues("Link", out var values) ? values : []), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopicsMustBeOnTheConfiguredBaseUrl()
    {
        await using var host = await JobsHost.StartAsync(postgres, OnLoopback(new() { ["Site:BaseUrl"] = "https://jobs.example.org" }));

        var onRequestHost = await SubscribeAsync(host, Topic(host, "feeds/jobs.atom"), "http://127.0.0.1:9/callback", null);
        var onBaseUrl = await SubscribeAsync(host, "https://jobs.example.org/feeds/jobs.atom", "http://127.0.0.1:9/callback", null);

        Assert.Equal(HttpStatusCode.BadRequest, onRequestHost.StatusCode);
        Assert.Contains("is not on this service (https://jobs.example.org/)", await onRequestHost.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, onBaseUrl.StatusCode);
    }

    /// <summary>Two jurisdictions with a source and open jobs each.</summary>
    async Task<JobsHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var host = await JobsHost.StartAsync(postgres, OnLoopback(settings));
        await host.SourceAsync("alpha-city", "Alpha City");
        await host.SourceAsync("beta-county", "Beta County", level: "county");
        await host.UpsertAsync("alpha-city", JobsHost.Job("alpha-city", "a1", "Software Engineer"));
        await host.UpsertAsync("beta-county", JobsHost.Job("beta-county", "b1", "Software Developer"), JobsHost.Job("beta-county", "b2", "Product Manager", role: "product-management"));
        return host;
    }

    /// <summary>The test's subscribers listen on loopback, which a hub refuses by default.</summary>
    static Dictionary<string, string?> OnLoopback(Dictionary<string, string?>? settings = null) =>
        new(settings ?? []) { ["WebSub:AllowPrivateCallbacks"] = "true" };

    [Theory]
    [InlineData("http://127.0.0.1:8080/callback")]
    [InlineData("http://localhost/callback")]
    [InlineData("http://10.1.2.3/callback")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/callback")]
    [InlineData("http://[fd00::1]/callback")]
    [InlineData("http://[::ffff:192.168.1.1]/callback")]
    [InlineData("http://100.64.0.1/callback")]
    public async Task ByDefaultACallbackOnAPrivateAddressIsRefused(string callback)
    {
        await using var host = await JobsHost.StartAsync(postgres);
        await host.SourceAsync("alpha-city", "Alpha City");

        using var response = await SubscribeAsync(host, Topic(host, "feeds/jobs.atom"), callback, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("hub.callback", problem, StringComparison.Ordinal);
        Assert.Contains("pushes only to public addresses", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ByDefaultANameThatResolvesToLoopbackIsNeverCalled()
    {
        await using var host = await JobsHost.StartAsync(postgres);
        await host.SourceAsync("alpha-city", "Alpha City");
        await using var subscriber = await WebSubSubscriber.StartAsync();
        // A name, not a literal: accepted, then refused when the hub connects, by what it resolves to (this machine's
        // own name: loopback or a private address, as /etc/hosts and container networks have it).
        var callback = new UriBuilder(subscriber.Callback("named")) { Host = System.Net.Dns.GetHostName() }.Uri.AbsoluteUri;

        using var response = await SubscribeAsync(host, Topic(host, "feeds/jobs.atom"), callback, null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitForAsync(() => Task.FromResult(host.Web.Logs.Entries.Any(e => e.Message.Contains("not verified", StringComparison.Ordinal))),
            "the hub gave up verifying");

        var refused = Assert.Single(host.Web.Logs.Entries, e => e.Message.Contains("not verified", StringComparison.Ordinal));
        Assert.Contains("has no public address", refused.Message, StringComparison.Ordinal);
        Assert.Empty(subscriber.Verifications);
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from websub_subscriptions"));
    }

    static string Topic(JobsHost host, string path) => new Uri(host.Web.Address, path).AbsoluteUri;

    static Task<HttpResponseMessage> SubscribeAsync(JobsHost host, string topic, string callback, string? secret, string mode = "subscribe", string? lease = null)
    {
        var form = new Dictionary<string, string> { ["hub.mode"] = mode, ["hub.topic"] = topic, ["hub.callback"] = callback };
        if (secret is not null)
            form["hub.secret"] = secret;
        if (lease is not null)
            form["hub.lease_seconds"] = lease;
        return host.Client.PostAsync("/websub", new FormUrlEncodedContent(form));
    }

    static async Task SubscribeAndWaitAsync(JobsHost host, string topic, string callback, string? lease = null)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(host, topic, callback, Secret, lease: lease)).StatusCode);
        await WaitForAsync(async () => await SubscriptionsAsync(host) == 1, "the subscription is verified");
    }

    static Task<int> SubscriptionsAsync(JobsHost host) => host.ScalarAsync<int>("select count(*)::int from websub_subscriptions");

    static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }

    static async Task<double> MetricAsync(JobsHost host, string outcome)
    {
        var text = await host.Client.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(l => l.StartsWith("aggregator_websub_deliveries_total{", StringComparison.Ordinal) && l.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }
}
