using Npgsql;

namespace Aggregator.Database;

/// <summary>
/// How the service's data sources log. Npgsql's own lines pass through, but one: when the database goes away, Npgsql
/// notices on one connection, clears its pool and closes the idle connections, saying goodbye to a server that is no
/// longer there, and logs each failed goodbye as an error ("Exception while closing connector"). That is the outage
/// again, which <see cref="DatabaseOutage"/> reports once; those lines go to Debug.
/// </summary>
public static class NpgsqlLogging
{
    public static NpgsqlDataSourceBuilder UseServiceLogging(this NpgsqlDataSourceBuilder builder, ILoggerFactory loggers) =>
        builder.UseLoggerFactory(new QuietClosingFactory(loggers));

    sealed class QuietClosingFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName)
        {
            var logger = inner.CreateLogger(categoryName);
            return categoryName == "Npgsql.Connection" ? new QuietClosing(logger) : logger;
        }

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        // The service's logger factory is the host's to dispose.
        public void Dispose()
        {
        }
    }

    sealed class QuietClosing(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel) || logLevel >= LogLevel.Warning && inner.IsEnabled(LogLevel.Debug);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning && formatter(state, exception).StartsWith("Exception while closing connector", StringComparison.Ordinal))
                logLevel = LogLevel.Debug;
            if (inner.IsEnabled(logLevel))
                inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
