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
        var directory = DefinitionLoader.ResolveDirectory(configuration["Sources:Directory"]);
        var set = DefinitionLoader.LoadDirectory(directory);
        foreach (var error in set.Errors)
            logger.LogError("Definition refused: {Error}", error.ToString());
        logger.LogInformation("Loaded {Count} definitions from {Directory}", set.Definitions.Count, directory);
        return set;
    }
}
