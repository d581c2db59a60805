using System.Text;
using Aggregator.Http;
using Aggregator.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Aggregator.Feeds;

/// <summary>What a subscriber asked for, checked: verified later, then carried out (<see cref="WebSubHub"/>).</summary>
public sealed record WebSubIntent(string Mode, WebSubTopic Topic, string Callback, string? Secret, TimeSpan Lease);

/// <summary>
/// POST /websub      the WebSub hub (W3C Recommendation): subscribe to, or unsubscribe from, one of our feeds (README "WebSub")
/// </summary>
public static class WebSubApi
{
    /// <summary>The spec's bound: a secret is under 200 bytes.</summary>
    public const int MaxSecretBytes = 199;

    const int MaxCallbackLength = 2000;

    public static IEndpointRouteBuilder MapWebSub(this IEndpointRouteBuilder app)
    {
        app.MapPost(FeedDocuments.HubPath, RequestAsync).WithTags("Feeds").WithName("WebSubHub")
            // A form (hub.mode, hub.topic, hub.callback, hub.lease_seconds, hub.secret). Not declared with Accepts: routing would
            // answer another content type with a bare 415, where the handler says what to send.
            .WithSummary("Subscribe to, or unsubscribe from, a feed (WebSub; an application/x-www-form-urlencoded form): 202 now, then the callback is asked to confirm")
            .Produces(202).ProducesValidationProblem().ProducesProblem(415).ProducesProblem(503);
        return app;
    }

    static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> RequestAsync(
        HttpContext http, WebSubHub hub, JobQueryResolver resolver, IOptions<WebSubOptions> options, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
            return TypedResults.Problem(statusCode: 415, title: "Unsupported Media Type",
                detail: "A WebSub request is a form: Content-Type application/x-www-form-urlencoded with hub.mode, hub.topic and hub.callback.");
        var form = await http.Request.ReadFormAsync(ct);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
            if (key.StartsWith("hub.", StringComparison.Ordinal) && values.Count > 1)
                errors[key] = ["Give this parameter once."];

        string? mode = form["hub.mode"].FirstOrDefault();
        if (mode is not ("subscribe" or "unsubscribe"))
            errors["hub.mode"] = [mode is null ? "is required: subscribe or unsubscribe." : $"'{Shown(mode)}' is neither subscribe nor unsubscribe."];

        var callback = form["hub.callback"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(callback))
            errors["hub.callback"] = ["is required: the absolute http(s) address the hub confirms with and pushes to."];
        else if (callback.Length > MaxCallbackLength || !Uri.TryCreate(callback, UriKind.Absolute, out var callbackUrl)
                 || callbackUrl.Scheme is not ("http" or "https") || callbackUrl.Fragment.Length > 0 || callbackUrl.UserInfo.Length > 0)
            errors["hub.callback"] = [$"'{Shown(callback)}' is not an absolute http(s) address (without fragment or user, at most {MaxCallbackLength} characters)."];
        else if (CallbackAddresses.Refusal(callbackUrl, options.Value.AllowPrivateCallbacks) is { } refusal)
            errors["hub.callback"] = [$"'{Shown(callback)}' {refusal}"];

        var secret = form["hub.secret"].FirstOrDefault();
        if (secret is { Length: 0 })
            secret = null;
        if (secret is not null && Encoding.UTF8.GetByteCount(secret) > MaxSecretBytes)
            errors["hub.secret"] = [$"is {Encoding.UTF8.GetByteCount(secret)} bytes; WebSub allows under 200."];

        long? asked = null;
        if (form["hub.lease_seconds"].FirstOrDefault() is { Length: > 0 } leaseText)
        {
            if (long.TryParse(leaseText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
                asked = seconds;
            else
                errors["hub.lease_seconds"] = [$"'{Shown(leaseText)}' is not a whole number of seconds."];
        }

        var (topic, topicError) = WebSubTopic.Parse(form["hub.topic"].FirstOrDefault(), SiteOptions.Origin(http.Request));
        if (topicError is not null)
            errors["hub.topic"] = [topicError];
        else if (topic is not null)
        {
            // The feed's own checks, as a GET of the topic would meet them: a topic a reader would get a 400 or 404 for is no topic.
            var (_, feedError) = await FeedDocuments.ValidateAsync(topic.Request(http.RequestServices), topic.Format, topic.Scope, resolver, ct);
            if (feedError is not null)
                errors["hub.topic"] = [$"is not a feed this service serves: {FeedDocuments.Describe(feedError)}"];
        }

        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid WebSub request",
                detail: string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));

        var intent = new WebSubIntent(mode!, topic!, callback!, secret, options.Value.Lease(asked));
        if (!hub.TryEnqueue(intent))
            return TypedResults.Problem(statusCode: 503, title: "Service Unavailable", detail: "Too many requests are waiting for verification; try again in a minute.");
        return TypedResults.Accepted((string?)null);
    }

    static string Shown(string text) => new([.. text.Take(200).Select(c => char.IsControl(c) ? '?' : c)]);
}
