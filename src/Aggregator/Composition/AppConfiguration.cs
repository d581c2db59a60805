using Aggregator.Config;
using Aggregator.Sources;

namespace Aggregator.Composition;

/// <summary>Where settings come from, how the process logs, and which definitions it loaded: decided once, here.</summary>
public static class AppConfiguration
{
    /// <summary>appsettings.json beside the binary, then appsettings.{Environment}.json, then environment variables (<c>A__B</c> for <c>A:B</c>).</summary>
    public static IConfigurationRoot Build(IDictionary<string, string?>? overrides = null)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
    }

    /// <summary>The one logging setup, for the web host and for the verbs that run without one.</summary>
    /// <remarks><c>Logging:Format</c> = <c>json</c> writes one JSON object a line (UTC timestamp, level, category, message and its named values) for a log collector; anything else, one line of text.</remarks>
    public static void Logging(ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders()
            .AddConfiguration(configuration.GetSection("Logging"))
            // It logs an error for every failed readiness probe; DatabaseOutage logs the outage once instead.
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        if (string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        else
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
    }

    public static ILoggerFactory Loggers(IConfiguration configuration) => LoggerFactory.Create(b => Logging(b, configuration));

    public static DefinitionSet LoadDefinitions(IConfiguration configuration, ILogger logger)
    {
        var (set, directory) = LoadSwitchedDefinitions(configuration);
        foreach (var error in set.Errors)
            logger.LogError("Definition refused: {Error}", error.ToString());
        logger.LogInformation("Loaded {Count} definitions from {Directory}, {Enabled} enabled", set.Definitions.Count, directory, set.Definitions.Count(d => d.Enabled));
        foreach (var switched in set.Definitions.Where(d => d.SwitchedBy is not null))
            logger.LogInformation("{Source} is {State} by {Entry}", switched.Id, switched.Enabled ? "switched on" : "switched off", switched.SwitchedBy);
        return set;
    }

    /// <summary>
    /// The definitions with this deployment's <c>Sources:Enable</c> and <c>Sources:Disable</c> applied, and the folder they
    /// came from. An entry naming no definition stops the process like any bad setting.
    /// </summary>
    public static (DefinitionSet Set, string Directory) LoadSwitchedDefinitions(IConfiguration configuration)
    {
        var options = SettingsRegistration.Read<SourcesOptions>(configuration);
        var directory = DefinitionLoader.ResolveDirectory(options.Directory);
        var set = DefinitionLoader.LoadDirectory(directory);
        options.Apply(set.Definitions);
        return (set, directory);
    }
}
