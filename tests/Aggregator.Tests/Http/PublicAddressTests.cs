using System.Net;
using System.Text.Json;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Http;

/// <summary>Links are the service's public address, never what a request's Host or forwarded headers claim it is.</summary>
public sealed class PublicAddressTests(PostgresFixture postgres)
{
    static async Task<JobsHost> HostWithJobsAsync(PostgresFixture postgres, Dictionary<string, string?> settings)
    {
        var host = await JobsHost.StartAsync(postgres, settings);
        await host.SourceAsync("us-md-baltimore", "Baltimore City", region: "US-MD");
        await host.UpsertAsync("us-md-baltimore",
            JobsHost.Job("us-md-baltimore", "B-1", "Python Developer", postedDaysAgo: 1),
            JobsHost.Job("us-md-baltimore", "B-2", "Data Engineer", postedDaysAgo: 2));
        return host;
    }

    static async Task<(HttpResponseMessage Response, string Body)> GetAsync(HttpClient client, string path, string host, string? forwardedHost = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        if (forwardedHost is not null)
        {
            request.Headers.Add("X-Forwarded-Host", forwardedHost);
            request.Headers.Add("X-Forwarded-Proto", "http");
        }
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithABaseUrlEveryAbsoluteLinkNamesItWhateverTheRequestClaims()
    {
        await using var host = await HostWithJobsAsync(postgres, new() { ["Site:BaseUrl"] = "https://jobs.example.org/" });

        foreach (var path in new[] { "/feeds/jobs.atom?limit=1", "/feeds/jobs.rss?limit=1", "/feeds/jobs.json?limit=1", "/feeds/deadlines.ics?limit=1",
                     "/feeds/jurisdictions/baltimore-city.atom?limit=1", "/feeds.opml", "/api/jobs?limit=1" })
        {
            var (response, body) = await GetAsync(host.Client, path, "evil.example", forwardedHost: "evil.example");
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var link = response.Headers.TryGetValues("Link", out var values) ? string.Join(", ", values) : "";
                Assert.DoesNotContain("evil.example", body + link, StringComparison.Ordinal);
                // The calendar and the API carry links only in headers.
                if (!path.StartsWith("/api/", StringComparison.Ordinal) && !path.Contains(".ics", StringComparison.Ordinal))
                    Assert.Contains("https://jobs.example.org/", body, StringComparison.Ordinal);
                if (!path.StartsWith("/feeds.opml", StringComparison.Ordinal))
                    Assert.Contains("<https://jobs.example.org/", link, StringComparison.Ordinal);
            }
        }
        var (_, json) = await GetAsync(host.Client, "/feeds/jobs.json?limit=1", "evil.example", forwardedHost: "evil.example");
        var feed = JsonDocument.Parse(json).RootElement;
        Assert.StartsWith("https://jobs.example.org/feeds/jobs.json", feed.GetProperty("feed_url").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://jobs.example.org/", feed.GetProperty("home_page_url").GetString());
        Assert.StartsWith("https://jobs.example.org/feeds/jobs.json?limit=1&cursor=", feed.GetProperty("next_url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedHeadersAreBelievedOnlyFromAKnownProxy()
    {
        // The test client is on loopback, which is no longer a known proxy.
        await using var host = await HostWithJobsAsync(postgres, new() { ["Site:KnownProxies"] = "10.9.9.9" });

        var (response, body) = await GetAsync(host.Client, "/feeds/jobs.atom", host.Web.Address.Authority, forwardedHost: "evil.example");

        using (response)
        {
            Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
            Assert.Contains($"http://{host.Web.Address.Authority}/feeds/jobs.atom", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AKeptFeedIsNeverServedToAnotherHost()
    {
        await using var host = await HostWithJobsAsync(postgres, new() { ["Feeds:CacheSeconds"] = "300" });

        var (first, a) = await GetAsync(host.Client, "/feeds/jobs.atom", "a.example");
        var (second, b) = await GetAsync(host.Client, "/feeds/jobs.atom", "b.example");
        var (third, again) = await GetAsync(host.Client, "/feeds/jobs.atom", "b.example");

        using (first)
        using (second)
        using (third)
        {
            Assert.Contains("http://a.example/feeds/jobs.atom", a, StringComparison.Ordinal);
            Assert.Contains("http://b.example/feeds/jobs.atom", b, StringComparison.Ordinal);
            Assert.DoesNotContain("a.example", b, StringComparison.Ordinal);
            // The third came from memory (it carries an Age), so the memory was on and kept one answer per host.
            Assert.NotNull(third.Headers.Age);
            Assert.Equal(b, again);
        }
    }

    [Fact]
    public async Task AHostOutsideAllowedHostsIsRefusedWithAProblemEvenWhenForwarded()
    {
        await using var host = await HostWithJobsAsync(postgres, new() { ["AllowedHosts"] = "jobs.example.org" });

        var (allowed, _) = await GetAsync(host.Client, "/feeds/jobs.atom", "jobs.example.org");
        var (forged, body) = await GetAsync(host.Client, "/feeds/jobs.atom", "evil.example");
        var (forwarded, _) = await GetAsync(host.Client, "/feeds/jobs.atom", "jobs.example.org", forwardedHost: "evil.example");

        using (allowed)
        using (forged)
        using (forwarded)
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Equal("application/problem+json", forged.Content.Headers.ContentType!.MediaType);
            Assert.Equal(400, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
            Assert.Equal(HttpStatusCode.BadRequest, forwarded.StatusCode);
        }
    }

    /// <summary>Sends bytes as they are, so a request can carry a Host no HTTP client library would write.</summary>
    static async Task<string> RawAsync(Uri server, string request)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [Theory]
    [InlineData("GET /feeds/jobs.atom HTTP/1.0\r\n\r\n")]
    [InlineData("GET /feeds/jobs.rss HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n")]
    [InlineData("GET /feeds.opml HTTP/1.1\r\nHost: 127.0.0.1:99999999\r\nConnection: close\r\n\r\n")]
    public async Task AHostNoLinkCanBeBuiltFromIsA400NamingIt(string request)
    {
        await using var host = await HostWithJobsAsync(postgres, []);

        var answer = await RawAsync(host.Web.Address, request);

        Assert.True(answer.StartsWith("HTTP/1.1 400 ", StringComparison.Ordinal), answer);
        Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Site:BaseUrl", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("<>", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/jobs", "evil.example:99999999")]
    [InlineData("/feeds/jobs.atom", "evil.example:99999999")]
    [InlineData("/feeds/jobs.json", "a b<>")]
    [InlineData("/feeds.opml", "[::1")]
    public async Task AForwardedHostThatIsNoAddressIsIgnoredOrRefusedNeverLinked(string path, string forwarded)
    {
        await using var host = await HostWithJobsAsync(postgres, []);

        var answer = await RawAsync(host.Web.Address,
            $"GET {path} HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Host: {forwarded}\r\nConnection: close\r\n\r\n");

        // Either the forwarding middleware ignores it (links name the Host) or it is believed and refused as a problem.
        if (answer.StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal))
            Assert.DoesNotContain(forwarded, answer, StringComparison.Ordinal);
        else
        {
            Assert.True(answer.StartsWith("HTTP/1.1 400 ", StringComparison.Ordinal), answer);
            Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Site:BaseUrl", answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithABaseUrlAMissingHostStillGetsItsFeed()
    {
        await using var host = await HostWithJobsAsync(postgres, new() { ["Site:BaseUrl"] = "https://jobs.example.org/" });

        var answer = await RawAsync(host.Web.Address, "GET /feeds/jobs.atom HTTP/1.0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 ", answer, StringComparison.Ordinal);
        Assert.Contains("https://jobs.example.org/feeds/jobs.atom", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void TheShippedNginxConfigCachesPerHostAndSetsTheForwardedHeadersItself()
    {
        var config = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "nginx.conf"));
        var directives = config.Split('\n').Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).ToList();

        Assert.Contains(directives, d => d.StartsWith("proxy_cache_key ", StringComparison.Ordinal) && d.Contains("$host", StringComparison.Ordinal));
        Assert.Contains("proxy_set_header Host $host;", directives);
        Assert.Contains("proxy_set_header X-Forwarded-Host $host;", directives);
        Assert.Contains("proxy_set_header X-Forwarded-For $remote_addr;", directives);
        // Requests naming any other host never reach the service, so $host is always one of ours.
        Assert.Contains(directives, d => d.StartsWith("listen ", StringComparison.Ordinal) && d.Contains("default_server", StringComparison.Ordinal));
        Assert.Contains("return 444;", directives);
    }
}
