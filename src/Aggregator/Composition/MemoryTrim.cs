using System.Diagnostics;
using System.Runtime;
using Aggregator.Config;
using Aggregator.Telemetry;
using Microsoft.Extensions.Options;

namespace Aggregator.Composition;

/// <summary>Section <c>Memory</c>.</summary>
public sealed class MemoryOptions : ISettings
{
    public static string Section => "Memory";

    /// <summary>
    /// After a burst of work (a reader fleet's polls, a scrape, an export), once the node has gone quiet, run one full
    /// compacting collection that returns the freed memory to the operating system. Without it the collector keeps the
    /// heap it grew under load for as long as the node stays quiet, since a quiet node allocates too little to collect.
    /// </summary>
    public bool TrimWhenIdle { get; set; } = true;

    /// <summary>How often the node looks at what it allocated; a whole interval under <see cref="QuietMiB"/> is quiet.</summary>
    public TimeSpan IdleCheck { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>At most this much allocated in one <see cref="IdleCheck"/> for the node to count as quiet (MiB).</summary>
    public int QuietMiB { get; set; } = 4;

    /// <summary>What must have been allocated since the last trim (or start) for another to be worth its pause (MiB).</summary>
    public int TrimAfterMiB { get; set; } = 256;

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (IdleCheck < TimeSpan.FromMilliseconds(100) || IdleCheck > TimeSpan.FromHours(1))
            yield return (nameof(IdleCheck), $"must be from 00:00:00.1 to 01:00:00; got {IdleCheck}");
        if (QuietMiB is < 1 or > 1024)
            yield return (nameof(QuietMiB), $"must be from 1 to 1024 MiB; got {QuietMiB}");
        if (TrimAfterMiB is < 1 or > 65536)
            yield return (nameof(TrimAfterMiB), $"must be from 1 to 65536 MiB; got {TrimAfterMiB}");
        if (TrimAfterMiB < QuietMiB)
            yield return (nameof(TrimAfterMiB), $"must be at least QuietMiB ({QuietMiB}); got {TrimAfterMiB}");
    }
}

/// <summary>
/// Gives memory back after load (<see cref="MemoryOptions.TrimWhenIdle"/>): every <see cref="MemoryOptions.IdleCheck"/>
/// it reads how much the process has allocated, and when the last interval was quiet after at least
/// <see cref="MemoryOptions.TrimAfterMiB"/> of work, it runs one aggressive collection (blocking, compacting, large
/// objects included, decommitting what it frees). The pause (tens to a few hundred milliseconds) falls when almost
/// nothing is running, and at most once per <c>TrimAfterMiB</c> allocated.
/// </summary>
public sealed class MemoryTrim(IOptions<MemoryOptions> options, ILogger<MemoryTrim> logger) : BackgroundService
{
    readonly Trimmer trimmer = new(options.Value, () => GC.GetTotalAllocatedBytes(precise: false), () => Collect(logger));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.TrimWhenIdle)
            return;
        using var timer = new PeriodicTimer(options.Value.IdleCheck);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            trimmer.Tick();
    }

    static void Collect(ILogger logger)
    {
        var residentBefore = Environment.WorkingSet;
        var heapBefore = GC.GetGCMemoryInfo().HeapSizeBytes;
        var started = Stopwatch.GetTimestamp();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var elapsed = Stopwatch.GetElapsedTime(started);
        AggregatorMetrics.MemoryTrimmed(elapsed);
        logger.LogInformation("Quiet after load: collected and returned memory in {Milliseconds:F0} ms (heap {HeapBefore} → {HeapAfter} MiB, resident {ResidentBefore} → {ResidentAfter} MiB)",
            elapsed.TotalMilliseconds, heapBefore >> 20, GC.GetGCMemoryInfo().HeapSizeBytes >> 20, residentBefore >> 20, Environment.WorkingSet >> 20);
    }

    /// <summary>
    /// The decision, apart from the clock and the collector: <see cref="Tick"/> once an interval with the allocation
    /// counter read by <paramref name="allocated"/>; <paramref name="collect"/> runs when the interval was quiet after
    /// enough work.
    /// </summary>
    public sealed class Trimmer(MemoryOptions options, Func<long> allocated, Action collect)
    {
        long atTrim = allocated();
        long atTick = -1;

        /// <summary>True when this tick collected.</summary>
        public bool Tick()
        {
            var now = allocated();
            var last = atTick < 0 ? long.MaxValue : now - atTick;
            atTick = now;
            if (last > (long)options.QuietMiB << 20 || now - atTrim < (long)options.TrimAfterMiB << 20)
                return false;
            collect();
            // What the collection and its logging allocated is not work to trim after.
            atTrim = atTick = allocated();
            return true;
        }
    }
}
