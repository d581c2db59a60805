using Aggregator.Scraping;
using Aggregator.Composition;
using Aggregator.Database;
using Aggregator.Sources;

namespace Aggregator.Demo;

/// <summary>
/// Everything on the embedded default, offline: the shipped definitions that have sample responses in
/// <c>Demo/samples/&lt;id&gt;/</c> are pointed at a loopback replay of them, scraped, and served.
/// </summary>
public static class DemoVerb
{
    public const string Database = "aggregator_demo";

    public static async Task<int> Run(int port, CancellationToken ct)
    {
        var configuration = AppConfiguration.Build(new Dictionary<string, string?>
        {
            // The samples are local: no politeness delay against ourselves, and placeholder credentials.
            ["Scraping:HostDelay"] = "00:00:00",
            ["Scraping:ContactEmail"] = "demo@localhost",
            ["UsaJobs:ApiKey"] = "demo-key",
            ["UsaJobs:Email"] = "demo@localhost",
            ["Scheduler:Enabled"] = "false",
        });
        AppServices.CheckSettings(configuration);
        using var loggers = AppConfiguration.Loggers(configuration);
        var logger = loggers.CreateLogger("Aggregator.Demo");
        var samples = Path.Combine(AppContext.BaseDirectory, "Demo", "samples");

        await using var database = await DatabaseHost.OpenAsync(configuration, loggers, ct, embeddedDatabase: Database, recreate: true);
        await using var replay = await ReplayServer.StartAsync(samples, ct);
        var definitions = AppConfiguration.LoadDefinitions(configuration, logger);
        var replayed = new List<SourceDefinition>();
        foreach (var definition in definitions.Definitions)
        {
            if (!Directory.Exists(Path.Combine(samples, definition.Id)) || definition.Platform.Settings is null)
                continue;
            definition.Platform.Settings.BaseUrl = replay.BaseUrlFor(definition.Id);
            replayed.Add(definition);
        }

        await using var app = WebApp.Build(configuration, database.DataSource, definitions, scheduler: false, urls: $"http://localhost:{port}");
        var services = app.Services;
        await services.GetRequiredService<SourceStore>().SyncAsync(definitions.Definitions, ct);
        foreach (var definition in replayed)
        {
            var report = await services.GetRequiredService<ScrapeRunner>().RunAsync(definition, ct);
            Console.WriteLine(report.ToString());
        }

        await app.StartAsync(ct);
        Console.WriteLine();
        Console.WriteLine($"Demo ready: {replayed.Count} sources scraped from bundled samples (offline).");
        Console.WriteLine($"  Atom feed  http://localhost:{port}/feeds/jobs.atom");
        Console.WriteLine($"  RSS feed   http://localhost:{port}/feeds/jobs.rss");
        Console.WriteLine("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None);
        return 0;
    }
}
