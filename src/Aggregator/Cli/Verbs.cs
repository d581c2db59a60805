using System.Globalization;
using Aggregator.Composition;
using Aggregator.Config;
using Aggregator.Database;
using Aggregator.Exports;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Sources.Fetching;

namespace Aggregator.Cli;

/// <summary>The verbs of the one binary. Each returns a process exit code.</summary>
public static class Verbs
{
    static readonly System.Text.Json.JsonSerializerOptions checkJson = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

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
        // After a classifier change one node relabels the stored jobs before serving them. Its reads map columns by
        // name, which needs Dapper's setup before the web app's services (which also make it) exist.
        DapperSetup.Configure();
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
        DapperSetup.Configure();
        var report = await RoleReclassifier.Create(database.DataSource, definitions, loggers).RunAsync(ct);
        Console.WriteLine(report.ToString());
        return report.Skipped ? 1 : 0;
    }

    /// <summary>Writes every table (jobs, locations, changes, sources) for a year and/or a filter into a folder, with manifest.json.</summary>
    /// <param name="filter">Job query parameters as a query string (<c>role=data-engineering&amp;region=US-MD</c>); null: every job.</param>
    public static async Task<int> Export(string output, int? year, string? filter, string format, CancellationToken ct)
    {
        ExportFormat[]? formats = format switch
        {
            "parquet" => [ExportFormat.Parquet],
            "csv" => [ExportFormat.Csv],
            "both" => [ExportFormat.Parquet, ExportFormat.Csv],
            _ => null,
        };
        if (formats is null)
        {
            Console.Error.WriteLine($"--format: '{format}' is not a format: parquet, csv or both.");
            return 2;
        }
        var configuration = AppConfiguration.Build();
        AppServices.CheckSettings(configuration);
        using var loggers = AppConfiguration.Loggers(configuration);
        await using var database = await DatabaseHost.OpenAsync(configuration, loggers, ct);
        var definitions = AppConfiguration.LoadDefinitions(configuration, loggers.CreateLogger("Aggregator"));
        await using var services = AppServices.BuildForVerb(configuration, loggers, database.DataSource, definitions);
        var exports = services.GetRequiredService<ExportService>();
        var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(filter is null ? "" : "?" + filter.TrimStart('?'));
        if (year is { } y)
            parameters["year"] = y.ToString(CultureInfo.InvariantCulture);
        var (scope, errors) = await exports.ParseAsync(new Microsoft.AspNetCore.Http.QueryCollection(parameters), ct);
        if (scope is null)
        {
            foreach (var (name, reasons) in errors!)
                Console.Error.WriteLine($"{(name == "year" ? "--year" : $"--filter {name}")}: {string.Join(" ", reasons)}");
            return 2;
        }
        var manifest = await exports.WriteDirectoryAsync(scope, output, formats, ct);
        foreach (var file in manifest.Files)
            Console.WriteLine($"{file.Path,-24} {file.Rows,12:N0} rows {file.Bytes,16:N0} bytes  sha256 {file.Sha256}");
        Console.WriteLine($"manifest.json (schema version {manifest.SchemaVersion}) in {Path.GetFullPath(output)}");
        return 0;
    }

    public static int Sources(TextWriter output, TextWriter errors)
    {
        var configuration = AppConfiguration.Build();
        var (set, directory) = AppConfiguration.LoadSwitchedDefinitions(configuration);
        output.WriteLine($"{"id",-44} {"platform",-15} {"enabled",-12} {"schedule",-18} jurisdiction");
        foreach (var d in set.Definitions)
        {
            // "yes*" / "no*": this deployment's configuration, not the file, decided it (named below the table).
            var enabled = (d.Enabled ? "yes" : "no") + (d.SwitchedBy is null ? "" : "*");
            output.WriteLine($"{d.Id,-44} {d.Platform.Name,-15} {enabled,-12} {DefinitionLoader.EffectiveSchedule(d),-18} {d.Jurisdiction.Name} ({d.Jurisdiction.Level}, {d.Jurisdiction.Region ?? d.Jurisdiction.Country})");
        }
        foreach (var d in set.Definitions.Where(d => d.SwitchedBy is not null))
            output.WriteLine($"* {d.Id}: {(d.Enabled ? "switched on" : "switched off")} by {d.SwitchedBy}");
        foreach (var error in set.Errors)
            errors.WriteLine(error.ToString());
        output.WriteLine($"{set.Definitions.Count} valid ({set.Definitions.Count(d => d.Enabled)} enabled), {set.Errors.Select(e => e.File).Distinct().Count()} refused, in {directory}");
        return set.Errors.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// <c>sources check</c>: robots.txt and the first page of each enabled definition (or of those <paramref name="targets"/>
    /// name, by id or pattern), read politely through the real fetcher; a table, or JSON, of what each returned and what looks
    /// wrong. Exit 1 when any source is unhealthy, 2 when a target names no definition.
    /// </summary>
    public static async Task<int> SourcesCheck(IReadOnlyList<string> targets, bool json, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        var configuration = AppConfiguration.Build();
        AppServices.CheckSettings(configuration);
        var (set, _) = AppConfiguration.LoadSwitchedDefinitions(configuration);
        foreach (var error in set.Errors)
            errors.WriteLine(error.ToString());
        List<SourceDefinition> chosen;
        if (targets.Count == 0)
        {
            chosen = [.. set.Definitions.Where(d => d.Enabled)];
        }
        else
        {
            var unmatched = targets.Where(t => !set.Definitions.Any(d => SourcesOptions.Matches(t, d.Id))).ToList();
            if (unmatched.Count > 0)
            {
                errors.WriteLine($"No valid definition matches {string.Join(", ", unmatched.Select(t => $"'{t}'"))}. Run the `sources` verb to list ids and see refused files.");
                return 2;
            }
            chosen = [.. set.Definitions.Where(d => targets.Any(t => SourcesOptions.Matches(t, d.Id)))];
        }

        // Logs go to stderr, so that stdout holds only the table or the JSON.
        using var loggers = LoggerFactory.Create(b =>
        {
            AppConfiguration.Logging(b, configuration);
            b.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddScraping();
        await using var provider = services.BuildServiceProvider();
        var results = new SourceCheckResult[chosen.Count];
        // Sources on different hosts are checked side by side; the fetcher still keeps one request at a time per host.
        await Parallel.ForEachAsync(Enumerable.Range(0, chosen.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (i, token) => results[i] = await provider.GetRequiredService<SourceCheck>().CheckAsync(chosen[i], token));

        if (json)
            output.WriteLine(System.Text.Json.JsonSerializer.Serialize(
                new { checkedSources = results.Length, healthy = results.Count(r => r.Healthy), sources = results },
                checkJson));
        else
            SourceCheckTable.Write(results, output);
        return results.All(r => r.Healthy) ? 0 : 1;
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
            // --all runs like the schedule (a feed's ttl holds); a source named on its own is fetched now.
            var runner = services.GetRequiredService<ScrapeRunner>();
            var report = all ? await runner.RunOnScheduleAsync(definition, ct) : await runner.RunAsync(definition, ct);
            Console.WriteLine(report.ToString());
            // With --all, a source whose feed's ttl has not run out is not a failure: it is waiting its turn.
            if (all && report.Outcome == ScrapeOutcome.Skipped)
                continue;
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
        var directory = DefinitionLoader.ResolveDirectory(SettingsRegistration.Read<SourcesOptions>(configuration).Directory);
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
