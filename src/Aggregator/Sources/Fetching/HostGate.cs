using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Aggregator.Sources.Fetching;

/// <summary>One request at a time per host, with a pause between requests: politeness is not optional.</summary>
public sealed class HostGate(IOptions<ScrapingOptions> options, TimeProvider time)
{
    // Slots live as long as the process; there is one per host we scrape, a few hundred at most.
#pragma warning disable CA1001
    sealed class Slot
#pragma warning restore CA1001
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public DateTimeOffset NextAllowed;
    }

    TimeSpan Delay => options.Value.HostDelay;
    DateTimeOffset Now => time.GetUtcNow();

    readonly ConcurrentDictionary<string, Slot> slots = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IAsyncDisposable> EnterAsync(Uri url, CancellationToken ct)
    {
        var slot = slots.GetOrAdd(url.Authority, _ => new Slot());
        await slot.Semaphore.WaitAsync(ct);
        try
        {
            var wait = slot.NextAllowed - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, ct);
        }
        catch
        {
            slot.Semaphore.Release();
            throw;
        }
        return new Lease(this, slot);
    }

    sealed class Lease(HostGate gate, Slot slot) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            slot.NextAllowed = gate.Now + gate.Delay;
            slot.Semaphore.Release();
            return ValueTask.CompletedTask;
        }
    }
}
