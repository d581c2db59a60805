using System.Globalization;
using Aggregator.Composition;
using Aggregator.Config;
using Aggregator.Database;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Sources.Fetching;

namespace Aggregator.Cli;

/// <summary>The verbs of the one binary. Each returns a process exit code.</summary>
public static class Verbs
{
    public static async Task<int> Serve(bool api, bool scheduler, CancellationToken ct)
    {
        var configuration = AppConfiguration.Build();
        AppServices.CheckSettings(configuration);
        scheduler &= SettingsRegistration.Read<SchedulerOptions>(configuration).Enabled;
        if (!api && !scheduler)
        {
            Console.Error.WriteLine("Nothing to serve: --no-api with the scheduler off (--no-scheduler or Scheduler:Enabled=false) leaves neither the API nor scraping.");
            return 2;
        }
        using var loggers = AppConfiguration.Loggers(configuration);
        var logger = loggers.CreateLogger("Aggregator");
        if (scheduler && string.IsNullOrWhiteSpace(configuration["Scraping:ContactEmail"]))
            logger.LogWarning("Scraping:ContactEmail (Scraping__ContactEmail) is not set: site operators will have no address to reach us in the User-Agent");
        await using var database = await DatabaseHost.OpenAsync(configuration, loggers, ct);
        var definitions = AppConfiguration.LoadDefinitions(configuration, logger);
        await new SourceStore(database.DataSource).SyncAsync(definitions.Definitions, ct);
        // After a classifier change one node relabels the stored jobs before serving them.
        await RoleReclassifier.Create(database.DataSource, definitions, loggers).RunIfChangedAsync(ct);
        // Scheduler only: the web host still carries the hosted scheduler, on a random loopback port, or on Urls when
        // they are set (for its /metrics and probes; keep that address off the public proxy).
        var urls = api || !string.IsNullOrWhiteSpace(configuration["Urls"] ?? configuration["ASPNETCORE_URLS"]) ? null : "http://127.0.0.1:0";
        await using var app = WebApp.Build(configuration, database.DataSource, definitions, scheduler, urls, database.ReadDataSource);
        // Runs a killed process left marked running are told apart from live ones by their lease, and counted as failures.
        if (scheduler)
            await app.Services.GetRequiredService<ScrapeRunner>().ReapAbandonedAsync(ct);
        await app.RunAsync(ct);
        return 0;
    }

    public static async Task<int> Migrate(CancellationToken ct)
    {
        var configuration = AppConfiguration.Build(new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "true" });
        AppServices.CheckSettings(configuration);
        using var loggers = AppConfiguration.Loggers(configuration);
        await using var database = await DatabaseHost.OpenAsync(configuration, loggers, ct);
        Console.WriteLine($"Database is at the latest migration ({(database.IsEmbedded ? "embedded cluster" : "configured server")}).");
        return 0;
    }

    public static async Task<int> Reclassify(CancellationToken ct)
    {
        var configuration = AppConfiguration.Build();
        AppServices.CheckSettings(configuration);
        using var loggers = AppConfiguration.Loggers(configuration);
        await using var database = await DatabaseHost.OpenAsync(configuration, loggers, ct);
        var definitions = AppConfiguration.LoadDefinitions(configuration, loggers.CreateLogger("Aggregator"));
        var report = await RoleReclassifier.Create(database.DataSource, definitions, loggers).RunAsync(ct);
        Console.WriteLine(report.ToString());
        return report.Skipped ? 1 : 0;
    }

    public static int Sources(TextWriter output, TextWriter errors)
    {
        var configuration = AppConfiguration.Build();
        var directory = DefinitionLoader.ResolveDirectory(configuration["Sources:Directory"]);
        var set = DefinitionLoader.LoadDirectory(directory);
        output.WriteLine($"{"id",-44} {"platform",-11} {"enabled",-8} {"schedule",-18} jurisdiction");
        foreach (var d in set.Definitions)
            output.WriteLine($"{d.Id,-44} {d.Platform.Name,-11} {(d.Enabled ? "yes" : "no"),-8} {DefinitionLoader.EffectiveSchedule(d),-18} {d.Jurisdiction.Name} ({d.Jurisdiction.Level}, {d.Jurisdiction.Region ?? d.Jurisdiction.Country})");
        foreach (var error in set.Errors)
            errors.WriteLine(error.ToString());
        output.WriteLine($"{set.Definitions.Count} valid, {set.Errors.Select(e => e.File).Distinct().Count()} refused, in {directory}");
        return set.Errors.Count == 0 ? 0 : 1;
    }

    public static async Task<int> Scrape(string? target, bool all, bool dryRun, CancellationToken ct)
    {
        var configuration = AppConfiguration.Build();
        AppServices.CheckSettings(configuration);
        using var loggers = AppConfiguration.Loggers(configuration);
        var logger = loggers.CreateLogger("Aggregator");
        if (dryRun)
            return await DryRun(target, configuration, loggers, ct);

        var definitions = AppConfiguration.LoadDefinitions(configuration, logger);
        List<SourceDefinition> chosen;
        if (all)
        {
            chosen = [.. definitions.Definitions.Where(d => d.Enabled)];
        }
        else if (target is not null && definitions.Find(target) is { } one)
        {
            chosen = [one];
        }
        else
        {
            Console.Error.WriteLine(target is null
                ? "Name a source id (see the `sources` verb) or pass --all."
                : $"No valid definition with id '{target}'. Run the `sources` verb to list ids and see refused files.");
            return 2;
        }

        await using var database = await DatabaseHost.OpenAsync(configuration, loggers, ct);
        await using var services = AppServices.BuildForVerb(configuration, loggers, database.DataSource, definitions);
        await services.GetRequiredService<SourceStore>().SyncAsync(definitions.Definitions, ct);
        var failed = 0;
        foreach (var definition in chosen)
        {
            var report = await services.GetRequiredService<ScrapeRunner>().RunAsync(definition, ct);
            Console.WriteLine(report.ToString());
            if (!report.Outcome.IsHealthy())
                failed++;
        }
        return failed == 0 ? 0 : 1;
    }

    /// <summary>What a definition would extract, field by field, without a database: how a contributor develops a jurisdiction.</summary>
    static async Task<int> DryRun(string? target, IConfiguration configuration, ILoggerFactory loggers, CancellationToken ct)
    {
        if (target is null)
        {
            Console.Error.WriteLine("--dry-run needs a definition file (scrapers/<id>.yml) or a source id.");
            return 2;
        }
        var directory = DefinitionLoader.ResolveDirectory(configuration["Sources:Directory"]);
        var path = File.Exists(target) ? target
            : target.EndsWith(".yml", StringComparison.Ordinal) ? Path.Combine(directory, Path.GetFileName(target))
            : Path.Combine(directory, target + ".yml");
        var (definition, errors) = DefinitionLoader.LoadFile(path);
        foreach (var error in errors)
            Console.Error.WriteLine(error.ToString());
        if (definition is null || errors.Count > 0)
            return 1;

        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddScraping();
        await using var provider = services.BuildServiceProvider();
        var collected = await provider.GetRequiredService<SourceCollector>().CollectAsync(
            definition, new HashSet<string>(), new Dictionary<string, Validators>(), ct);
        var normalizer = provider.GetRequiredService<Normalizer>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();

        var output = Console.Out;
        output.WriteLine($"{definition.Id}: {collected.Postings.Count} postings from {collected.Requests} requests ({collected.Bytes:N0} bytes)" +
            (collected.ExpectedTotal is { } total ? $"; the source announces {total}" : ""));
        if (collected.Postings.Count == 0 && collected.EmptyMeans is { } means)
            output.WriteLine($"  {means}");
        foreach (var raw in collected.Postings.Take(5))
        {
            var job = normalizer.Normalize(definition, raw, now);
            output.WriteLine();
            void Field(string name, object? value)
            {
                if (value is not null && value.ToString() is { Length: > 0 } text)
                    output.WriteLine($"  {name,-16} {(text.Length > 160 ? text[..160] + "…" : text)}");
            }
            Field("external_id", job.ExternalId);
            Field("title", job.Title);
            Field("url", job.Url);
            Field("organization", job.Organization);
            Field("department", job.Department);
            Field("role", $"{job.RoleCategory} ({job.RoleEvidence})");
            Field("location", job.LocationDisplay);
            Field("region", job.Region);
            Field("workplace", job.Workplace);
            Field("salary", JobText.Salary(job));
            Field("salary_annual", job.SalaryAnnualMin is null && job.SalaryAnnualMax is null ? job.SalaryFlag : $"{job.SalaryAnnualMin?.ToString("N0", CultureInfo.InvariantCulture)} – {job.SalaryAnnualMax?.ToString("N0", CultureInfo.InvariantCulture)} ({job.SalaryMethod})");
            Field("posted", job.PostedAt?.ToString("u", CultureInfo.InvariantCulture));
            Field("closing", JobText.Closing(job));
            Field("series", string.Join(", ", job.SeriesCodes));
            Field("grades", job.PayPlan is null ? null : $"{job.PayPlan}-{job.GradeLow}–{job.GradeHigh}");
            Field("description", job.DescriptionText);
        }
        if (collected.Error is not null)
        {
            Console.Error.WriteLine($"error: {collected.Error}");
            return 1;
        }
        if (collected.Postings.Count == 0)
        {
            Console.Error.WriteLine("error: the definition extracted zero postings; check its URLs and selectors");
            return 1;
        }
        return 0;
    }
}
