using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Aggregator.Demo;

/// <summary>One canned answer of a replay folder (<c>replay.yml</c>).</summary>
public sealed class ReplayRoute
{
    /// <summary>Request path below the source folder, e.g. <c>/api/Search</c>.</summary>
    public string Path { get; set; } = "/";
    /// <summary>Query parameters that must all be present with these values (others are ignored).</summary>
    public Dictionary<string, string> Query { get; set; } = [];
    public string? Method { get; set; }
    /// <summary>File in the folder to answer with; none gives an empty body.</summary>
    public string? File { get; set; }
    public string ContentType { get; set; } = "application/octet-stream";
    public int Status { get; set; } = 200;
    /// <summary>Answer only this many times, then let later routes match (a 500 followed by success).</summary>
    public int? Times { get; set; }
    /// <summary>Wait this long before answering (a timeout).</summary>
    public int DelayMs { get; set; }
    /// <summary>Send this ETag and answer 304 when a request presents it.</summary>
    public string? Etag { get; set; }
    /// <summary>Send this Last-Modified date (RFC 1123) and answer 304 to an If-Modified-Since no earlier, when the request has no If-None-Match.</summary>
    public string? LastModified { get; set; }
}

public sealed class ReplayFolder
{
    /// <summary>What the definition's <c>base_url</c> becomes; <c>{replay}</c> stands for this folder's address.</summary>
    public string? BaseUrl { get; set; }
    public List<ReplayRoute> Routes { get; set; } = [];
}

/// <summary>
/// Serves saved responses over loopback HTTP: <c>/{folder}/{path}</c> answers from <c>{root}/{folder}/replay.yml</c>,
/// and <c>/robots.txt</c> from <c>{root}/robots.txt</c> or else a route in <c>{root}/replay.yml</c>, which also answers, by the
/// whole path, requests whose first segment is no folder (a definition whose absolute URL keeps its own path).
/// The demo replays its samples with it, and tests replay their fixtures, so both use the real fetcher.
/// </summary>
public sealed class ReplayServer : IAsyncDisposable
{
    static readonly IDeserializer yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    readonly WebApplication app;
    readonly string root;
    readonly ConcurrentDictionary<string, int> served = new();
    readonly ConcurrentQueue<string> log = new();
    readonly ConcurrentQueue<string> agents = new();

    ReplayServer(WebApplication app, string root)
    {
        this.app = app;
        this.root = root;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Requests received, as "METHOD /path?query", in order.</summary>
    public IReadOnlyCollection<string> Requests => log;

    /// <summary>The User-Agent of each request, in order.</summary>
    public IReadOnlyCollection<string> UserAgents => agents;

    public static async Task<ReplayServer> StartAsync(string root, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ReplayServer(app, Path.GetFullPath(root));
        app.Map("/{**path}", server.Handle);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public static ReplayFolder LoadFolder(string folder)
    {
        var file = Path.Combine(folder, "replay.yml");
        return System.IO.File.Exists(file) ? yaml.Deserialize<ReplayFolder>(System.IO.File.ReadAllText(file)) ?? new ReplayFolder() : new ReplayFolder();
    }

    /// <summary>The base URL a definition should use to read from <paramref name="folder"/>.</summary>
    public string BaseUrlFor(string folder)
    {
        var replay = new Uri(BaseAddress, folder).ToString();
        var configured = LoadFolder(Path.Combine(root, folder)).BaseUrl;
        return configured is null ? replay : configured.Replace("{replay}", replay, StringComparison.Ordinal);
    }

    async Task Handle(HttpContext http)
    {
        var request = http.Request;
        log.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        agents.Enqueue(request.Headers.UserAgent.ToString());
        if (request.Path == "/robots.txt")
        {
            var robots = Path.Combine(root, "robots.txt");
            if (System.IO.File.Exists(robots))
                await http.Response.SendFileAsync(robots, http.RequestAborted);
            // Without the file, a replay.yml at the root may answer for it (a server error, say); else there is none.
            else if (!await TryAnswer(http, "", root, "/robots.txt"))
                http.Response.StatusCode = 404;
            return;
        }
        var segments = request.Path.Value?.TrimStart('/').Split('/', 2) ?? [];
        if (segments.Length == 0 || segments[0].Length == 0 || segments[0].Contains("..", StringComparison.Ordinal))
        {
            http.Response.StatusCode = 404;
            return;
        }
        var folderName = segments[0];
        var folder = Path.Combine(root, folderName);
        var rest = "/" + (segments.Length > 1 ? segments[1] : "");
        if (await TryAnswer(http, folderName, folder, rest))
            return;
        // A definition whose URL is absolute keeps its own path under base_url, so its request names no folder: the
        // root replay.yml answers it by the whole path.
        if (!Directory.Exists(folder) && await TryAnswer(http, "", root, request.Path.Value!))
            return;
        http.Response.StatusCode = 404;
        await http.Response.WriteAsync($"no replay route for {request.Method} {rest}{request.QueryString} in {folderName}");
    }

    /// <summary>Answers with the first route of <paramref name="folder"/>'s replay.yml that matches and has answers left.</summary>
    async Task<bool> TryAnswer(HttpContext http, string folderName, string folder, string path)
    {
        var routes = LoadFolder(folder).Routes;
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            if (!Matches(route, http.Request, path))
                continue;
            var key = $"{folderName}#{i}";
            if (route.Times is { } times && served.GetOrAdd(key, 0) >= times)
                continue;
            served.AddOrUpdate(key, 1, (_, n) => n + 1);
            await Answer(http, folder, route);
            return true;
        }
        return false;
    }

    static bool Matches(ReplayRoute route, HttpRequest request, string path) =>
        string.Equals(route.Path, path, StringComparison.OrdinalIgnoreCase) &&
        (route.Method is null || string.Equals(route.Method, request.Method, StringComparison.OrdinalIgnoreCase)) &&
        route.Query.All(q => request.Query.TryGetValue(q.Key, out var v) && v == q.Value);

    static async Task Answer(HttpContext http, string folder, ReplayRoute route)
    {
        if (route.DelayMs > 0)
        {
            try
            {
                await Task.Delay(route.DelayMs, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        if (route.Etag is not null)
            http.Response.Headers.ETag = route.Etag;
        if (route.LastModified is not null)
            http.Response.Headers.LastModified = route.LastModified;
        if (NotModified(http.Request, route))
        {
            http.Response.StatusCode = 304;
            return;
        }
        http.Response.StatusCode = route.Status;
        http.Response.ContentType = route.ContentType;
        if (route.File is not null)
            await http.Response.SendFileAsync(Path.Combine(folder, route.File), http.RequestAborted);
    }

    /// <summary>RFC 9110 §13.2.2: If-None-Match decides when the request has it; If-Modified-Since counts only without it.</summary>
    static bool NotModified(HttpRequest request, ReplayRoute route)
    {
        if (request.Headers.IfNoneMatch.Count > 0)
            return route.Etag is not null && request.Headers.IfNoneMatch == route.Etag;
        return route.LastModified is not null && request.GetTypedHeaders().IfModifiedSince is { } since
            && DateTimeOffset.TryParse(route.LastModified, System.Globalization.CultureInfo.InvariantCulture, out var modified) && modified <= since;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
