using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Aggregator.Database;

/// <summary>
/// Degrade, don't die: while the database is gone every request that needs it is a 503 with <c>Retry-After</c>,
/// <c>/health/ready</c> says not ready, and the service comes back by itself when the database does. The log gets one
/// warning when the outage begins and one line when it ends, instead of a stack trace per request.
/// </summary>
public sealed class DatabaseOutage(NpgsqlDataSource db, TimeProvider time, ILogger<DatabaseOutage> logger) : BackgroundService
{
    /// <summary>What a 503 asks clients to wait. Readers schedule their next poll from it; a restart takes about this long.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>How often, during an outage, the database is asked whether it is back.</summary>
    static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);

    readonly SemaphoreSlim began = new(0, 1);
    int down;
    DateTimeOffset since;

    public bool IsDown => Volatile.Read(ref down) == 1;

    /// <summary>
    /// Whether an exception means the database is unavailable (refused, cut, timed out, shutting down, out of
    /// connections) rather than a fault of ours, which stays a 500 so it is seen and fixed.
    /// </summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        // A client that went away cancels its query (57014 inside); the database is fine.
        OperationCanceledException => false,
        // Connection exceptions (08), insufficient resources (53), operator intervention (57: shutdown, statement timeout),
        // invalid authorization (28: a rotated password) and a database that does not exist (3D000, dropped or not created).
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("53", StringComparison.Ordinal)
            || p.SqlState.StartsWith("57", StringComparison.Ordinal) || p.SqlState.StartsWith("28", StringComparison.Ordinal) || p.SqlState == "3D000",
        // Not an answer from the server: the connection failed, was cut or timed out, or the pool had none to give.
        NpgsqlException or SocketException or TimeoutException => true,
        _ => e.InnerException is { } inner && IsUnavailable(inner),
    };

    /// <summary>Records that the database failed; the first failure of an outage logs it and starts asking until it is back.</summary>
    public void Report(Exception e)
    {
        if (Interlocked.CompareExchange(ref down, 1, 0) != 0)
            return;
        since = time.GetUtcNow();
        logger.LogWarning("Database unavailable: {Reason}. Requests that need it answer 503 until it is back", Describe(e));
        began.Release();
    }

    /// <summary>Whether the database answers a trivial query now; a failure is reported as an outage.</summary>
    public async Task<bool> AnswersAsync(CancellationToken ct)
    {
        try
        {
            await using var command = db.CreateCommand("select 1");
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            Report(e);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await began.WaitAsync(stoppingToken);
            while (!await ProbeAsync(stoppingToken))
                await Task.Delay(ProbeInterval, time, stoppingToken);
            Volatile.Write(ref down, 0);
            logger.LogInformation("Database recovered after {Duration:c} unavailable", (time.GetUtcNow() - since).Duration());
        }
    }

    // Anything else going wrong while probing (the data source disposed at shutdown) must not stop the host.
    async Task<bool> ProbeAsync(CancellationToken ct)
    {
        try
        {
            return await AnswersAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    static string Describe(Exception e) =>
        e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message} ({inner.Message})" : e.Message;
}

/// <summary>Wiring for the web host: the outage tracker, its 503 answer and the health endpoints.</summary>
public static class DatabaseOutageSetup
{
    public static IServiceCollection AddDatabaseOutage(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseOutage>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseOutage>());
        services.AddExceptionHandler<UnavailableHandler>();
        services.AddHealthChecks().AddCheck<DatabaseCheck>("database", tags: [Ready]);
        return services;
    }

    const string Ready = "ready";

    /// <summary>
    /// GET /health/live    200 while the process serves requests; never asks the database (restart only when this fails)
    /// GET /health/ready   200 when the database answers, else 503 (take the node out of the balancer, don't restart it)
    /// GET /health         the same as /health/ready
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var live = new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync };
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync };
        app.MapHealthChecks("/health/live", live).WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        app.MapHealthChecks("/health/ready", ready).WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        app.MapHealthChecks("/health", ready).WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        return app;
    }

    static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        if (report.Status != HealthStatus.Healthy)
            http.Response.Headers.RetryAfter = RetryAfterSeconds;
        return http.Response.WriteAsync(report.Status == HealthStatus.Healthy ? "ok" : "unavailable: the database does not answer");
    }

    static string RetryAfterSeconds => ((int)DatabaseOutage.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    sealed class DatabaseCheck(DatabaseOutage outage) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
            await outage.AnswersAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the database does not answer");
    }

    /// <summary>A request that failed because the database is unavailable: 503, Retry-After, problem+json, and no stack trace.</summary>
    sealed class UnavailableHandler(DatabaseOutage outage) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
        {
            if (!DatabaseOutage.IsUnavailable(exception))
                return false;
            outage.Report(exception);
            http.Response.Headers.RetryAfter = RetryAfterSeconds;
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: ReasonPhrases.GetReasonPhrase(StatusCodes.Status503ServiceUnavailable),
                detail: $"The database is not answering. Try again in {RetryAfterSeconds} seconds.").ExecuteAsync(http);
            return true;
        }
    }
}
