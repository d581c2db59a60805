using System.Net;
using System.Net.Http.Headers;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Feeds;

/// <summary>
/// A feed's ETag is computed from the page it shows, and a reader's conditional poll may be answered from memory
/// (FeedValidators, on while the output cache is): either way a changed job must change the ETags of exactly the
/// feeds whose page lists it, and leave every other feed's ETag and 304 alone.
/// </summary>
public sealed class FeedETagTests(PostgresFixture postgres)
{
    // Each feed and whether job A-1 (a Baltimore software engineer, on-site, $120k) is on its page.
    static readonly (string Path, bool ListsA1)[] Fleet =
    [
        ("/feeds/jobs.atom", true),
        ("/feeds/jobs.rss?region=US-MD", true),
        ("/feeds/jobs.json?region=US-PA", false),
        ("/feeds/jobs.atom?country=US&remote=on-site", true),
        ("/feeds/jobs.atom?remote=remote", false),
        ("/feeds/roles/software-engineering.atom", true),
        ("/feeds/roles/data-science.rss", false),
        ("/feeds/jurisdictions/baltimore-city.json", true),
        ("/feeds/jurisdictions/commonwealth-of-pennsylvania.atom", false),
        ("/feeds/jobs.atom?salary_min=200000", false),
        ("/feeds/jobs.atom?q=engineer", true),
        ("/feeds/jobs.atom?q=scientist", false),
        ("/feeds/deadlines.ics", true),
        ("/feeds/deadlines.ics?region=US-PA", false),
    ];

    [Theory]
    [InlineData("0")]   // every poll computes the page's ETag
    [InlineData("300")] // polls answered from remembered validators while the jobs version holds
    public async Task AChangedJobChangesExactlyTheETagsOfTheFeedsItAppearsIn(string cacheSeconds)
    {
        await using var host = await JobsHost.StartAsync(postgres, new() { ["Feeds:CacheSeconds"] = cacheSeconds });
        await host.SourceAsync("us-md-baltimore", "Baltimore City", region: "US-MD");
        await host.SourceAsync("us-pa-state", "Commonwealth of Pennsylvania", region: "US-PA", level: "state");
        var a1 = JobsHost.Job("us-md-baltimore", "A-1", "Software Engineer", postedDaysAgo: 1) with { SalaryText = "$100,000 - $120,000 a year" };
        await host.UpsertAsync("us-md-baltimore", a1,
            JobsHost.Job("us-md-baltimore", "A-2", "Product Manager", postedDaysAgo: 2, role: "product-management") with { Workplace = "remote" });
        await host.UpsertAsync("us-pa-state",
            JobsHost.Job("us-pa-state", "P-1", "Data Scientist", postedDaysAgo: 3, role: "data-science") with { Region = "US-PA", LocationDisplay = "Harrisburg, PA" });

        var before = new Dictionary<string, EntityTagHeaderValue>();
        foreach (var (path, _) in Fleet)
        {
            using var first = await host.Client.GetAsync(path);
            Assert.True(first.StatusCode == HttpStatusCode.OK, $"{path}: {(int)first.StatusCode}");
            before[path] = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException($"{path} has no ETag");
            // Polled once with its ETag, so that a remembered answer exists before the change.
            Assert.Equal(HttpStatusCode.NotModified, (await PollAsync(host, path, before[path])).Status);
        }

        // Content only (the salary wording): no filter or sort reads it, so every feed keeps the same jobs in the same order.
        await host.UpsertAsync("us-md-baltimore", a1 with { SalaryText = "$100,000 - $120,000 a year (revised)" });
        // Remembered validators are checked against the jobs version at most once a second.
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        foreach (var (path, listsA1) in Fleet)
        {
            var (status, etag) = await PollAsync(host, path, before[path]);
            if (listsA1)
            {
                Assert.True(status == HttpStatusCode.OK, $"{path} lists the changed job but answered {(int)status}");
                Assert.NotEqual(before[path], etag);
            }
            else
            {
                Assert.True(status == HttpStatusCode.NotModified, $"{path} does not list the changed job but answered {(int)status}");
                Assert.Equal(before[path], etag);
            }
        }
    }

    [Fact]
    public async Task ARememberedETagIsNotUsedForAnotherAddressOrAfterAJobEntersTheFeed()
    {
        await using var host = await JobsHost.StartAsync(postgres, new() { ["Feeds:CacheSeconds"] = "300" });
        await host.SourceAsync("us-md-baltimore", "Baltimore City", region: "US-MD");
        await host.UpsertAsync("us-md-baltimore", JobsHost.Job("us-md-baltimore", "A-1", "Software Engineer"));
        using var first = await host.Client.GetAsync("/feeds/jobs.atom?region=US-MD");
        var etag = first.Headers.ETag!;

        // The same filters in another order are another address: its own ETag, never the remembered one's 304 by accident.
        var (otherStatus, otherEtag) = await PollAsync(host, "/feeds/jobs.atom?country=US&region=US-MD", etag);
        Assert.Equal(HttpStatusCode.OK, otherStatus);
        Assert.NotEqual(etag, otherEtag);

        await host.UpsertAsync("us-md-baltimore", JobsHost.Job("us-md-baltimore", "A-2", "Data Engineer", postedDaysAgo: 0, role: "data-engineering"));
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var (status, _) = await PollAsync(host, "/feeds/jobs.atom?region=US-MD", etag);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task ARememberedPollIsAnsweredOnlyForItsOwnHostAndCrossOriginPollsKeepTheirCorsHeaders()
    {
        // Remembered 304s are answered ahead of routing and CORS: the answer must still be the one the endpoint gives.
        await using var host = await JobsHost.StartAsync(postgres, new() { ["Feeds:CacheSeconds"] = "300" });
        await host.SourceAsync("us-md-baltimore", "Baltimore City", region: "US-MD");
        await host.UpsertAsync("us-md-baltimore", JobsHost.Job("us-md-baltimore", "A-1", "Software Engineer"));
        const string path = "/feeds/jobs.atom?region=US-MD";
        using var first = await host.Client.GetAsync(path);
        var etag = first.Headers.ETag!;
        Assert.Equal(HttpStatusCode.NotModified, (await PollAsync(host, path, etag)).Status);

        // Links in the body name the host asked for, so the same address under another host is another feed.
        using (var otherHost = new HttpRequestMessage(HttpMethod.Get, path))
        {
            otherHost.Headers.Host = "jobs.example.org";
            otherHost.Headers.IfNoneMatch.Add(etag);
            using var answer = await host.Client.SendAsync(otherHost);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("http://jobs.example.org/", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A browser's cross-origin poll: 304, with the CORS headers a 200 would carry.
        using (var crossOrigin = new HttpRequestMessage(HttpMethod.Get, path))
        {
            crossOrigin.Headers.Add("Origin", "https://coalition.example");
            crossOrigin.Headers.IfNoneMatch.Add(etag);
            using var answer = await host.Client.SendAsync(crossOrigin);
            Assert.Equal(HttpStatusCode.NotModified, answer.StatusCode);
            Assert.Equal("*", Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Origin")));
            Assert.Equal(etag, answer.Headers.ETag);
        }

        // HEAD with the ETag: 304 too, with the validators and nosniff.
        using (var head = new HttpRequestMessage(HttpMethod.Head, path))
        {
            head.Headers.IfNoneMatch.Add(etag);
            using var answer = await host.Client.SendAsync(head);
            Assert.Equal(HttpStatusCode.NotModified, answer.StatusCode);
            Assert.Equal(etag, answer.Headers.ETag);
            Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
            Assert.NotNull(answer.Headers.CacheControl?.MaxAge);
        }
    }

    static async Task<(HttpStatusCode Status, EntityTagHeaderValue? ETag)> PollAsync(JobsHost host, string path, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        using var response = await host.Client.SendAsync(request);
        return (response.StatusCode, response.Headers.ETag);
    }
}
