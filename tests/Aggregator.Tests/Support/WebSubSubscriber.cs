using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Aggregator.Tests.Support;

/// <summary>
/// A WebSub subscriber on loopback: it answers the hub's verification GETs (echoing the challenge, or not, per
/// callback) and records every push it receives, with its headers and exact body.
/// </summary>
public sealed class WebSubSubscriber : IAsyncDisposable
{
    public sealed record Verification(string Callback, string Mode, string Topic, string Challenge, string? LeaseSeconds);

    public sealed record Push(string Callback, string? ContentType, string? Link, string? Signature, byte[] Body);

    readonly WebApplication app;
    readonly ConcurrentQueue<Verification> verifications = new();
    readonly ConcurrentQueue<Push> pushes = new();

    /// <summary>Callbacks (by name) that answer the challenge with something else.</summary>
    public ConcurrentDictionary<string, bool> Refusing { get; } = new();

    /// <summary>Callbacks (by name) that answer pushes with 503.</summary>
    public ConcurrentDictionary<string, bool> Failing { get; } = new();

    /// <summary>Callbacks (by name) that answer pushes with 410 Gone.</summary>
    public ConcurrentDictionary<string, bool> Gone { get; } = new();

    public IReadOnlyList<Verification> Verifications => [.. verifications];
    public IReadOnlyList<Push> Pushes => [.. pushes];
    public Uri Address { get; private set; } = null!;

    WebSubSubscriber(WebApplication app) => this.app = app;

    public static async Task<WebSubSubscriber> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var subscriber = new WebSubSubscriber(app);
        app.MapGet("/callback/{name}", (string name, HttpRequest request) =>
        {
            var challenge = request.Query["hub.challenge"].ToString();
            subscriber.verifications.Enqueue(new Verification(name, request.Query["hub.mode"].ToString(), request.Query["hub.topic"].ToString(), challenge,
                request.Query["hub.lease_seconds"].FirstOrDefault()));
            return Results.Text(subscriber.Refusing.ContainsKey(name) ? "not-the-challenge" : challenge, "text/plain");
        });
        app.MapPost("/callback/{name}", async (string name, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            subscriber.pushes.Enqueue(new Push(name, request.ContentType, request.Headers["Link"].ToString(), request.Headers["X-Hub-Signature"].FirstOrDefault(), body.ToArray()));
            return subscriber.Gone.ContainsKey(name) ? Results.StatusCode(410)
                : subscriber.Failing.ContainsKey(name) ? Results.StatusCode(503)
                : Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        subscriber.Address = new Uri(address.TrimEnd('/') + "/");
        return subscriber;
    }

    public string Callback(string name) => new Uri(Address, $"callback/{name}").AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
