namespace Aggregator.Tests.Support;

/// <summary>
/// The real clock moved forward by hand: what the service reads as now jumps a day, while timers and timestamps
/// (timeouts, retries, delays) stay real, so nothing waits on a fake clock nobody moves.
/// </summary>
public sealed class TestClock : TimeProvider
{
    TimeSpan offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

    public void Advance(TimeSpan by) => offset += by;
}
