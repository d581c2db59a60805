namespace Aggregator.Http;

/// <summary>
/// <c>X-Content-Type-Options: nosniff</c> on every response, errors and cached answers included: a browser then
/// treats our JSON, feeds and calendar as the type we declare and never sniffs one of them into HTML or script.
/// </summary>
public static class ContentTypeOptions
{
    static readonly Func<object, Task> SetNoSniff = response =>
    {
        ((HttpResponse)response).Headers.XContentTypeOptions = "nosniff";
        return Task.CompletedTask;
    };

    public static IApplicationBuilder UseNoSniff(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Set when the response starts rather than now: the exception handler clears the headers of a failed request.
        context.Response.OnStarting(SetNoSniff, context.Response);
        return next(context);
    });
}
