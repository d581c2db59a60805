using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

/// <summary>
/// The least an ASP.NET Core server can do for the feed benchmarks, to tell the service's own cost from its server's:
/// Kestrel with no middleware, serving the bodies and ETags the service gave (a fleet's <c>feeds.tsv</c> and files, as
/// nginx serves them) from a dictionary: 304 when <c>If-None-Match</c> is the address's ETag, else the bytes.
/// Same runtime, garbage collector and socket transport settings as the service; no routing, logging, metrics, limits or CORS.
/// </summary>
static class KestrelFloor
{
    public static async Task<int> Serve(string url, string feedsTsv, string filesFolder)
    {
        var feeds = new Dictionary<string, (string ETag, byte[] Body, string ContentType)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(feedsTsv))
        {
            // number, path and query, ETag, extension (FleetBenchmark.Prime's format)
            var fields = line.Split('\t');
            if (fields.Length < 4)
                throw new FormatException($"{feedsTsv}: '{line}' is not number<TAB>path<TAB>ETag<TAB>extension");
            feeds[fields[1]] = (fields[2], File.ReadAllBytes(Path.Combine(filesFolder, $"{fields[0]}.{fields[3]}")), fields[3] switch
            {
                "atom" => "application/atom+xml; charset=utf-8",
                "rss" => "application/rss+xml; charset=utf-8",
                "json" => "application/feed+json; charset=utf-8",
                "ics" => "text/calendar; charset=utf-8",
                _ => "application/octet-stream",
            });
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.WebHost.UseSockets(o => o.MaxWriteBufferSize = Aggregator.Feeds.FeedAnswers.UnsentBytes); // as the service
        var app = builder.Build();
        app.Run(http =>
        {
            var request = http.Request;
            if (!feeds.TryGetValue(string.Concat(request.Path.Value, request.QueryString.Value), out var feed))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            var response = http.Response;
            response.Headers.ETag = feed.ETag;
            response.Headers.CacheControl = "public, max-age=900";
            if (request.Headers.IfNoneMatch == feed.ETag)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }
            response.ContentType = feed.ContentType;
            return Aggregator.Http.WholeBody.WriteAsync(response, feed.Body, http.RequestAborted); // as the service writes a kept feed
        });
        Console.Error.WriteLine($"kestrel-floor: {feeds.Count:N0} addresses on {url}");
        await app.RunAsync();
        return 0;
    }
}
