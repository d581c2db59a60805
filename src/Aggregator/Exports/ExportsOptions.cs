using Aggregator.Config;

namespace Aggregator.Exports;

/// <summary>Section <c>Exports</c>.</summary>
public sealed class ExportsOptions : ISettings
{
    public static string Section => "Exports";

    /// <summary>
    /// Exports this node streams at once over HTTP (each holds a database connection, a CPU and up to two row groups in
    /// memory for as long as it runs); one more is answered 503 with <c>Retry-After</c>. The <c>export</c> verb is not counted.
    /// </summary>
    public int MaxConcurrent { get; set; } = 2;

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (MaxConcurrent is < 1 or > 64)
            yield return (nameof(MaxConcurrent), $"must be from 1 to 64 exports at once; got {MaxConcurrent}");
    }
}

/// <summary>How many exports run on this node: a slot is taken for the length of one HTTP export, or refused.</summary>
public sealed class ExportGate(Microsoft.Extensions.Options.IOptions<ExportsOptions> options) : IDisposable
{
    readonly SemaphoreSlim slots = new(options.Value.MaxConcurrent, options.Value.MaxConcurrent);

    public int Limit => options.Value.MaxConcurrent;

    /// <summary>A slot to release when the export ends, or null when every slot is taken.</summary>
    public IDisposable? TryEnter() => slots.Wait(0) ? new Slot(slots) : null;

    public void Dispose() => slots.Dispose();

    sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                slots.Release();
        }
    }
}
