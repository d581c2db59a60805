using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Feeds;

/// <summary>Feeds answered from memory (FeedAnswers): the same bytes and headers as rendered, per encoding and origin.</summary>
public sealed class FeedAnswersTests(PostgresFixture postgres)
{
    static async Task<JobsHost> HostAsync(PostgresFixture postgres, int jobs = 3)
    {
        var host = await JobsHost.StartAsync(postgres, new() { ["Feeds:CacheSeconds"] = "300" });
        await host.SourceAsync("us-md-baltimore", "Baltimore City", region: "US-MD");
        await host.UpsertAsync("us-md-baltimore", [.. Enumerable.Range(1, jobs).Select(i => JobsHost.Job("us-md-baltimore", $"B-{i}", $"Python Developer {i}", postedDaysAgo: i % 20 + 1))]);
        return host;
    }

    static async Task<(HttpResponseMessage Response, byte[] Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? acceptEncoding = null, string? origin = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (acceptEncoding is not null)
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (origin is not null)
            request.Headers.TryAddWithoutValidation("Origin", origin);
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The headers that describe the answer; a compressed answer is rendered chunked and kept with its length.</summary>
    static string Headers(HttpResponseMessage response) => string.Join("\n", response.Headers.Concat(response.Content.Headers)
        .Where(h => h.Key is not ("Date" or "Age" or "Server" or "Content-Length" or "Transfer-Encoding"))
        .OrderBy(h => h.Key, StringComparer.Ordinal)
        .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));

    [Theory]
    [InlineData("/feeds/jobs.atom", null)]
    [InlineData("/feeds/jobs.rss?role=software-engineering", "gzip")]
    [InlineData("/feeds/jobs.json", "br")]
    [InlineData("/feeds/deadlines.ics", "gzip, deflate, br")]
    [InlineData("/feeds/jurisdictions/baltimore-city.atom", "identity")]
    public async Task AKeptAnswerIsTheRenderedOneByteForByteWithItsHeadersAndAnAge(string path, string? acceptEncoding)
    {
        await using var host = await HostAsync(postgres);

        var (rendered, renderedBody) = await SendAsync(host.Client, HttpMethod.Get, path, acceptEncoding);
        var (kept, keptBody) = await SendAsync(host.Client, HttpMethod.Get, path, acceptEncoding);

        using (rendered)
        using (kept)
        {
            Assert.Equal(HttpStatusCode.OK, rendered.StatusCode);
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
            Assert.Null(rendered.Headers.Age);
            Assert.NotNull(kept.Headers.Age);
            Assert.Equal(renderedBody, keptBody);
            Assert.Equal(Headers(rendered), Headers(kept));
            Assert.Equal(keptBody.Length, kept.Content.Headers.ContentLength);
            Assert.NotNull(kept.Headers.ETag);
        }
    }

    [Fact]
    public async Task EachEncodingIsKeptApartAndEachDecodesToTheSameFeed()
    {
        await using var host = await HostAsync(postgres);
        const string path = "/feeds/jobs.atom?role=software-engineering";
        var bodies = new Dictionary<string, string>();
        foreach (var encoding in new[] { "gzip", "br", "", "gzip", "br", "" })
        {
            var (response, body) = await SendAsync(host.Client, HttpMethod.Get, path, encoding == "" ? null : encoding);
            using (response)
            {
                Assert.Equal(encoding == "" ? null : encoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
                using var raw = new MemoryStream(body);
                using Stream decoded = encoding switch
                {
                    "gzip" => new GZipStream(raw, CompressionMode.Decompress),
                    "br" => new BrotliStream(raw, CompressionMode.Decompress),
                    _ => raw,
                };
                using var reader = new StreamReader(decoded);
                var text = await reader.ReadToEndAsync();
                Assert.Contains("Python Developer 1", text, StringComparison.Ordinal);
                if (bodies.TryGetValue(encoding, out var earlier))
                {
                    Assert.NotNull(response.Headers.Age);
                    Assert.Equal(earlier, text);
                }
                bodies[encoding] = text;
            }
        }
        Assert.Single(bodies.Values.Distinct());
    }

    [Fact]
    public async Task AHeadOfAKeptFeedHasItsHeadersAndNoBody()
    {
        await using var host = await HostAsync(postgres);
        var (get, body) = await SendAsync(host.Client, HttpMethod.Get, "/feeds/jobs.rss");
        var (head, none) = await SendAsync(host.Client, HttpMethod.Head, "/feeds/jobs.rss");

        using (get)
        using (head)
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.NotNull(head.Headers.Age);
            Assert.Empty(none);
            Assert.Equal(body.Length, head.Content.Headers.ContentLength);
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        }
    }

    [Fact]
    public async Task ACrossOriginFetchGetsItsOwnAnswerWithTheCorsHeadersAndAReaderNever()
    {
        await using var host = await HostAsync(postgres);
        const string path = "/feeds/jobs.json";

        var (reader, _) = await SendAsync(host.Client, HttpMethod.Get, path);
        var (page, pageBody) = await SendAsync(host.Client, HttpMethod.Get, path, origin: "https://coalition.example");
        var (pageAgain, pageAgainBody) = await SendAsync(host.Client, HttpMethod.Get, path, origin: "https://other.example");
        var (readerAgain, _) = await SendAsync(host.Client, HttpMethod.Get, path);

        using (reader)
        using (page)
        using (pageAgain)
        using (readerAgain)
        {
            Assert.False(reader.Headers.Contains("Access-Control-Allow-Origin"));
            Assert.Equal("*", page.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.NotNull(pageAgain.Headers.Age);
            Assert.Equal("*", pageAgain.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Contains("ETag", pageAgain.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);
            Assert.Equal(pageBody, pageAgainBody);
            Assert.NotNull(readerAgain.Headers.Age);
            Assert.False(readerAgain.Headers.Contains("Access-Control-Allow-Origin"));
        }
    }

    [Fact]
    public async Task ConcurrentFirstFetchesOfOneFeedRenderItOnce()
    {
        await using var host = await HostAsync(postgres, jobs: 60);
        const string path = "/feeds/jobs.atom?limit=50";
        // Separate connections, released together: one renders, the others wait for its answer (they carry an Age).
        using var start = new SemaphoreSlim(0);
        var fetches = Enumerable.Range(0, 12).Select(async _ =>
        {
            using var client = new HttpClient { BaseAddress = host.Web.Address };
            await start.WaitAsync();
            var (response, body) = await SendAsync(client, HttpMethod.Get, path);
            using (response)
                return (response.StatusCode, Rendered: response.Headers.Age is null, body.Length);
        }).ToList();
        start.Release(fetches.Count);
        var answers = await Task.WhenAll(fetches);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(answers.Select(a => a.Length).Distinct());
        Assert.Equal(1, answers.Count(a => a.Rendered));
    }

    [Fact]
    public async Task LaterPagesAndErrorsAreAnsweredButNeverKept()
    {
        await using var host = await HostAsync(postgres);
        var (first, firstBody) = await SendAsync(host.Client, HttpMethod.Get, "/api/jobs?limit=1");
        using (first)
        {
            var cursor = JsonDocument.Parse(firstBody).RootElement.GetProperty("nextCursor").GetString()!;
            foreach (var path in new[] { "/feeds/jobs.atom?limit=1&cursor=" + Uri.EscapeDataString(cursor), "/feeds/jobs.atom?role=no-such-role", "/feeds/roles/no-such-role.rss" })
            {
                var (once, _) = await SendAsync(host.Client, HttpMethod.Get, path);
                var (twice, _) = await SendAsync(host.Client, HttpMethod.Get, path);
                using (once)
                using (twice)
                {
                    Assert.Equal(once.StatusCode, twice.StatusCode);
                    Assert.Null(twice.Headers.Age);
                }
            }
        }
    }

    [Fact]
    public async Task ThisNodesOwnPublishedChangeDropsTheKeptAnswersAtOnce()
    {
        await using var host = await HostAsync(postgres);
        async Task<(bool Kept, bool Shows3)> FetchAsync()
        {
            var (response, body) = await SendAsync(host.Client, HttpMethod.Get, "/feeds/jobs.atom");
            using (response)
                return (response.Headers.Age is not null, System.Text.Encoding.UTF8.GetString(body).Contains("Python Developer 3", StringComparison.Ordinal));
        }
        Assert.Equal((false, true), await FetchAsync());
        // A change behind the service's back (the jobs version does not move): the kept answer still shows the job...
        await host.ExecuteAsync("update jobs set closed_at = now() where external_id = 'B-3'");
        Assert.Equal((true, true), await FetchAsync());

        // ...until this node announces a change, as its own run does: dropped at once, not a version check later.
        await host.Web.Services.GetRequiredService<Aggregator.Postings.JobsChanges>().PublishAsync(CancellationToken.None);

        Assert.Equal((false, false), await FetchAsync());
    }
}
