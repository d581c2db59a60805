using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Aggregator.Http;

/// <summary>Conditional GET (RFC 9110 §13): validators on an answer, and 304 when the client already has it.</summary>
public static class ConditionalGet
{
    /// <summary>RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it.</summary>
    public static bool NotModified(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset? lastModified)
    {
        var headers = request.GetTypedHeaders();
        if (request.Headers.ContainsKey(HeaderNames.IfNoneMatch))
            return headers.IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
        return lastModified is not null && headers.IfModifiedSince is { } since && lastModified <= since;
    }

    /// <summary>
    /// <paramref name="value"/> as our JSON with a weak ETag of its bytes (weak: compression gives the same entity
    /// other bytes), or 304 when <c>If-None-Match</c> names it. For small lists that are cheaper to render than to describe.
    /// </summary>
    public static Results<FileContentHttpResult, StatusCodeHttpResult> Json<T>(HttpContext http, T value, TimeSpan maxAge)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return Bytes(http, JsonSerializer.SerializeToUtf8Bytes(value, json), "application/json; charset=utf-8", maxAge);
    }

    /// <summary>Rendered <paramref name="bytes"/> with a weak ETag of them, or 304 when <c>If-None-Match</c> names it.</summary>
    public static Results<FileContentHttpResult, StatusCodeHttpResult> Bytes(HttpContext http, byte[] bytes, string contentType, TimeSpan maxAge)
    {
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..24]}\"", isWeak: true);
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = maxAge };
        if (NotModified(http.Request, etag, null))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(bytes, contentType);
    }
}
