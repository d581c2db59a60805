using Microsoft.AspNetCore.OutputCaching;
using Npgsql;
using Polly;

namespace Aggregator.Postings;

/// <summary>
/// Tells every node that a run changed jobs, through PostgreSQL <c>NOTIFY</c>: the node that ran it evicts its own
/// cached answers at once and notifies; every web node listens on a connection of its own and, on each notification,
/// evicts its cached answers and tells <see cref="Changed"/>'s subscribers (the jurisdiction list, the WebSub hub).
/// A listener that lost its connection reconnects and evicts once, since it may have missed a notification meanwhile.
/// An outage is the database's to report (the database outage monitor says it once): the listener
/// says at Information that it is reconnecting, and warns only if it stays cut off while everything else works again.
/// </summary>
public sealed class JobsChanges(NpgsqlDataSource db, IOutputCacheStore cache, ILogger<JobsChanges> logger) : BackgroundService
{
    public const string Channel = "aggregator_jobs_changed";

    /// <summary>How long the listener waits for a notification before it checks that its connection still answers.</summary>
    static readonly TimeSpan Probe = TimeSpan.FromSeconds(30);

    readonly ResiliencePipeline reconnect = new ResiliencePipelineBuilder()
        .AddRetry(new()
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or IOException),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(30),
            OnRetry = a =>
            {
                var level = a.AttemptNumber switch { 0 => LogLevel.Information, < WarnAfterAttempts => LogLevel.Debug, WarnAfterAttempts => LogLevel.Warning, _ => LogLevel.Debug };
                logger.Log(level, "Listening for job changes failed ({Error}); reconnecting in {Delay} (attempt {Attempt})",
                    a.Outcome.Exception?.Message, a.RetryDelay, a.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    /// <summary>Reconnections (about two and a half minutes of backoff) before a listener still cut off warns, once.</summary>
    const int WarnAfterAttempts = 9;

    /// <summary>Raised on each web node after it evicted its cached answers for a change made anywhere in the cluster.</summary>
    public event Func<CancellationToken, ValueTask>? Changed;

    /// <summary>
    /// Raised whenever this node's cached answers are evicted (after its own run, at once, and on every notification), for
    /// memories of answers kept outside the output cache (FeedAnswers) to be dropped with them.
    /// </summary>
    public event Action? Evicted;

    readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done once this node first listens (and has evicted for whatever changed before): from then on it hears every change.</summary>
    public Task Listening => listening.Task;

    async Task EvictAsync(CancellationToken ct)
    {
        await JobsCache.EvictAsync(cache, ct);
        Evicted?.Invoke();
    }

    /// <summary>After a run that changed jobs: this node's cache now, every listening node's through the notification.</summary>
    public async Task PublishAsync(CancellationToken ct)
    {
        await EvictAsync(ct);
        await using var command = db.CreateCommand($"select pg_notify('{Channel}', '')");
        await command.ExecuteNonQueryAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        reconnect.ExecuteAsync(async ct => await ListenAsync(ct), stoppingToken).AsTask();

    async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await OpenQuietlyAsync(ct);
        var notified = 0;
        connection.Notification += (_, _) => Interlocked.Exchange(ref notified, 1);
        await using (var listen = new NpgsqlCommand($"listen {Channel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        // Whatever changed while this node was not listening.
        await OnChangedAsync(ct);
        listening.TrySetResult();
        while (!ct.IsCancellationRequested)
        {
            if (!await connection.WaitAsync(Probe, ct))
            {
                await using var ping = new NpgsqlCommand("select 1", connection);
                await ping.ExecuteNonQueryAsync(ct);
            }
            if (Interlocked.Exchange(ref notified, 0) == 1)
                await OnChangedAsync(ct);
        }
    }

    /// <summary>
    /// The listening connection: the data source's settings and credentials, outside its pool and its logging. A network
    /// outage breaks an idle LISTEN connection, and Npgsql would log an error as it closes it; the outage itself is
    /// the outage monitor's to report, once, and a lost listener is reported above.
    /// </summary>
    async Task<NpgsqlConnection> OpenQuietlyAsync(CancellationToken ct)
    {
        await using var template = db.CreateConnection();
        var settings = new NpgsqlConnectionStringBuilder(template.ConnectionString) { Pooling = false, ApplicationName = "aggregator-listener" };
        var connection = template.CloneWith(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    async Task OnChangedAsync(CancellationToken ct)
    {
        await EvictAsync(ct);
        if (Changed is { } handlers)
            foreach (var handler in handlers.GetInvocationList().Cast<Func<CancellationToken, ValueTask>>())
            {
                try
                {
                    await handler(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "A handler of job changes failed");
                }
            }
    }
}
