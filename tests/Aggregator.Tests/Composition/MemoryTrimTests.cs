using Aggregator.Composition;
using Microsoft.Extensions.Logging;

namespace Aggregator.Tests.Composition;

/// <summary>When the node gives memory back: only in a quiet interval, and only after enough work since the last time.</summary>
public sealed class MemoryTrimTests
{
    const long MiB = 1 << 20;

    sealed class Node
    {
        public long Allocated;
        public int Collections;
        public MemoryTrim.Trimmer Trimmer { get; }

        public Node(MemoryOptions options) =>
            Trimmer = new MemoryTrim.Trimmer(options, () => Allocated, () => { Collections++; Allocated += 100_000; });

        public bool Interval(long allocatedMiB)
        {
            Allocated += allocatedMiB * MiB;
            return Trimmer.Tick();
        }

        /// <summary>That many intervals of that much allocation each, none of which collects.</summary>
        public void NoTrimFor(int intervals, long allocatedMiB)
        {
            for (var i = 0; i < intervals; i++)
                Assert.False(Interval(allocatedMiB), $"interval {i + 1} of {intervals} ({allocatedMiB} MiB each) collected");
            Assert.Equal(0, Collections);
        }
    }

    static readonly MemoryOptions Defaults = new(); // quiet under 4 MiB an interval, after 256 MiB of work

    [Fact]
    public void AQuietIntervalAfterABurstCollectsOnce()
    {
        var node = new Node(Defaults);

        Assert.False(node.Interval(0));   // the first tick has nothing to compare with
        Assert.False(node.Interval(200)); // load
        Assert.False(node.Interval(200));
        Assert.True(node.Interval(1));    // quiet, after 400 MiB of work
        Assert.False(node.Interval(1));   // still quiet, but nothing new to give back
        Assert.False(node.Interval(0));
        Assert.Equal(1, node.Collections);
    }

    [Theory]
    [InlineData(100, 50)] // under load, however long it lasts
    [InlineData(85, 3)]   // quiet, but 85 intervals of 3 MiB make 255: under the 256 MiB a trim is worth
    public void NothingIsCollectedUntilAQuietIntervalFollowsEnoughWork(int intervals, int allocatedMiB)
    {
        var node = new Node(Defaults);
        node.Interval(0);

        node.NoTrimFor(intervals, allocatedMiB);
        // 3 MiB more is quiet, and brings the work since start past 256 MiB: one trim.
        Assert.True(node.Interval(3));
    }

    [Fact]
    public void WhatTheCollectionAllocatesDoesNotCountAsWorkOrNoise()
    {
        var node = new Node(new MemoryOptions { QuietMiB = 1, TrimAfterMiB = 10 });
        node.Interval(0);
        node.Interval(20);

        Assert.True(node.Interval(0));
        // The collection allocated 100 KB after the counter was read for the last interval: the next interval is still
        // quiet, and starts the count of work afresh.
        Assert.False(node.Interval(0));
        Assert.False(node.Interval(9));
        Assert.False(node.Interval(0));
        Assert.False(node.Interval(2));
        Assert.True(node.Interval(0));
        Assert.Equal(2, node.Collections);
    }

    [Fact]
    public async Task TheServiceCollectsWhenQuietAfterWorkAndSaysSo()
    {
        // The real collector, over the real allocation counter: with a trim worth it after 256 MiB and checks every
        // 200 ms, allocating 300 MiB and then waiting must end in a collection of the whole heap. Other tests allocate
        // in this process too, so "quiet" is wide here (under 256 MiB in 200 ms).
        var options = Microsoft.Extensions.Options.Options.Create(new MemoryOptions
        {
            IdleCheck = TimeSpan.FromMilliseconds(200),
            QuietMiB = 256,
            TrimAfterMiB = 256,
        });
        var logs = new Support.LogCapture();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var trim = new MemoryTrim(options, factory.CreateLogger<MemoryTrim>());
        var before = GC.CollectionCount(GC.MaxGeneration);

        await trim.StartAsync(CancellationToken.None);
        var junk = new List<byte[]>();
        for (var i = 0; i < 300; i++)
            junk.Add(new byte[1 << 20]);
        junk.Clear();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!logs.Entries.Any(e => e.Message.Contains("Quiet after load", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        await trim.StopAsync(CancellationToken.None);

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("Quiet after load: collected and returned memory", StringComparison.Ordinal));
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before);
    }
}
