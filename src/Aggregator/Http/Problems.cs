using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Aggregator.Http;

/// <summary>
/// Every error we answer is RFC 9457 problem+json, including those the framework produces without a body (404, 405,
/// host filtering's 400) and the request errors Kestrel raises while a handler reads the body (413).
/// </summary>
public static class Problems
{
    /// <summary>Writes a problem with <paramref name="status"/>, as JSON whatever the request's <c>Accept</c> says.</summary>
    public static Task WriteAsync(HttpContext http, int status, string? detail = null) =>
        Results.Problem(statusCode: status, title: ReasonPhrases.GetReasonPhrase(status), detail: detail).ExecuteAsync(http);

    /// <summary>Gives a body to every error status that has none.</summary>
    public static IApplicationBuilder UseProblemStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context => WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode));

    /// <summary>Kestrel's own request errors (a body over its limit) with their status, not a 500.</summary>
    public static IServiceCollection AddRequestErrorProblems(this IServiceCollection services) =>
        services.AddExceptionHandler<BadRequestHandler>();

    sealed class BadRequestHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (exception is not BadHttpRequestException bad)
                return false;
            await WriteAsync(http, bad.StatusCode, bad.Message);
            return true;
        }
    }
}
