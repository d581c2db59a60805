namespace Aggregator.Http;

/// <summary>
/// HEAD is answered wherever GET is, with the same status and headers (RFC 9110 §9.3.2): link checkers, feed
/// readers and monitors use it. The request is routed as a GET; Kestrel still knows it was HEAD and sends no body.
/// </summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (HttpMethods.IsHead(http.Request.Method))
            http.Request.Method = HttpMethods.Get;
        return next(http);
    });
}
