using Aggregator.Composition;
using Aggregator.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aggregator.Tests.Support;

/// <summary>The real web application on a loopback port, over a test database.</summary>
public sealed class WebHost : IAsyncDisposable
{
    readonly WebApplication app;

    WebHost(WebApplication app, Uri address, LogCapture logs)
    {
        this.app = app;
        Address = address;
        Logs = logs;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }
    /// <summary>Everything the app logged from its start.</summary>
    public LogCapture Logs { get; }
    public IServiceProvider Services => app.Services;
    public HttpClient Client { get; }

    /// <param name="read">The readers' data source (a standby's), when it is not <paramref name="db"/>.</param>
    public static async Task<WebHost> StartAsync(NpgsqlDataSource db, Dictionary<string, string?>? settings = null, NpgsqlDataSource? read = null)
    {
        // Tests change the database directly between requests, so answers are not cached unless a test asks.
        var values = new Dictionary<string, string?> { ["Feeds:CacheSeconds"] = "0" };
        foreach (var (k, v) in settings ?? [])
            values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var app = WebApp.Build(configuration, db, new DefinitionSet([], []), scheduler: false, urls: "http://127.0.0.1:0", read);
        var logs = new LogCapture();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        await app.StartAsync();
        // With answers kept, the node's first listen evicts them (whatever changed before it listened): a test must not
        // keep an answer before that, or it would be dropped under the test's feet.
        if (values["Feeds:CacheSeconds"] != "0")
            await app.Services.GetRequiredService<Aggregator.Postings.JobsChanges>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebHost(app, new Uri(address.TrimEnd('/') + "/"), logs);
    }

    /// <summary>Saves a response body to a scratch file for the command-line clients.</summary>
    public async Task<string> SaveAsync(string path, string fileName)
    {
        var file = Path.Combine(TestRun.Scratch("feed"), fileName);
        using var response = await Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
