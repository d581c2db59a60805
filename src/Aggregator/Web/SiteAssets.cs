using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Aggregator.Web;

/// <summary>
/// The pages' own stylesheets and scripts, shipped inside the binary (one file to deploy, nothing from a CDN). Pages
/// link them with a hash of their bytes in the address, so a browser may keep them for a year and a release still
/// reaches every reader at once.
/// </summary>
public static class SiteAssets
{
    sealed record Asset(byte[] Bytes, string ContentType, string Hash);

    static readonly Dictionary<string, Asset> all = Load();

    static Dictionary<string, Asset> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("assets/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var name = resource["assets/".Length..];
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            assets[name] = new Asset(bytes, type, Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]);
        }
        return assets;
    }

    /// <summary>The address of an asset, versioned by its content.</summary>
    public static string Url(string origin, string name) => $"{origin}/assets/{name}?v={all[name].Hash}";

    /// <summary>An asset: a year's cache when the address names its current version, an hour otherwise (an old page's link).</summary>
    public static IResult Serve(HttpContext http, string name, bool stable = false)
    {
        if (!all.TryGetValue(name, out var asset))
            return Results.NotFound();
        var current = !stable && http.Request.Query["v"] == asset.Hash;
        var etag = new EntityTagHeaderValue($"\"{asset.Hash}\"");
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = current
            ? new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } }
            : new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromHours(1) };
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Bytes, asset.ContentType);
    }
}
