using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Aggregator.Http;

/// <summary>
/// How much a request may carry. Kestrel refuses what passes its limits with an empty 413, 414 or 431 before any
/// middleware runs, so its limits sit above ours: a request a little over our bounds gets a problem+json saying which
/// bound and by how much, and only a grossly oversized one the bare status.
/// </summary>
public static class RequestLimits
{
    /// <summary>The largest body any endpoint takes (<c>POST /api/classify</c>); every other endpoint is a GET.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Path and query string. The longest useful feed address (every filter, many values) is under 2,000.</summary>
    public const int MaxTargetLength = 4096;

    /// <summary>Query parameters (each repetition counts). The job query has 16, and lists take commas.</summary>
    public const int MaxQueryParameters = 64;

    public const int MaxHeaderBytes = 16 * 1024;

    public static void Configure(KestrelServerLimits limits)
    {
        limits.MaxRequestBodySize = MaxBodyBytes;
        limits.MaxRequestLineSize = 2 * MaxTargetLength;
        limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
        limits.MaxRequestHeaderCount = 100;
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
    }

    /// <summary>
    /// The parameters in a query string (<c>?a=1&amp;b&amp;a=2</c> has three), counted the way ASP.NET Core parses them (every
    /// non-empty piece between ampersands is one) without parsing: a feed answered from memory never needs its query parsed.
    /// </summary>
    public static int Parameters(string? queryString)
    {
        var rest = string.IsNullOrEmpty(queryString) ? [] : queryString.AsSpan(queryString[0] == '?' ? 1 : 0);
        var count = 0;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf('&');
            if (end != 0)
                count++;
            if (end < 0)
                break;
            rest = rest[(end + 1)..];
        }
        return count;
    }

    /// <summary>Answers 414, 431 or 400 (too many parameters) before anything parses the request.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        var target = (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
        if (target > MaxTargetLength)
        {
            await Problems.WriteAsync(http, StatusCodes.Status414UriTooLong,
                $"The path and query string are {target:N0} characters; at most {MaxTargetLength:N0}.");
            return;
        }
        var headerBytes = 0L;
        foreach (var (name, values) in request.Headers)
        {
            headerBytes += name.Length + 4;
            foreach (var value in values)
                headerBytes += value?.Length ?? 0;
        }
        if (headerBytes > MaxHeaderBytes)
        {
            await Problems.WriteAsync(http, StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"The request headers are {headerBytes:N0} bytes; at most {MaxHeaderBytes:N0}.");
            return;
        }
        var parameters = Parameters(request.QueryString.Value);
        if (parameters > MaxQueryParameters)
        {
            await Problems.WriteAsync(http, StatusCodes.Status400BadRequest,
                $"The query string has {parameters:N0} parameters; at most {MaxQueryParameters}. List values may be comma-separated (role=a,b).");
            return;
        }
        await next(http);
    });
}
