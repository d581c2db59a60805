using Aggregator.Config;

namespace Aggregator.Feeds;

/// <summary>Section <c>WebSub</c>: the hub's leases and how it delivers (README, WebSub).</summary>
public sealed class WebSubOptions : ISettings
{
    public static string Section => "WebSub";

    /// <summary>The lease a subscriber gets when it asks for none.</summary>
    public TimeSpan DefaultLease { get; set; } = TimeSpan.FromDays(10);

    /// <summary>Shorter asked leases are raised to this, so a subscriber cannot make us verify it every few seconds.</summary>
    public TimeSpan MinLease { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longer asked leases are cut to this: a subscriber that went away stops costing deliveries within it.</summary>
    public TimeSpan MaxLease { get; set; } = TimeSpan.FromDays(30);

    /// <summary>One attempt of a verification or delivery request; a slow subscriber holds nothing else up.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries within one delivery (jittered exponential backoff from <see cref="RetryDelay"/>), before it counts as failed.</summary>
    public int RetryAttempts { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After a failed delivery the subscription is tried again after this, doubling per further failure up to a day.</summary>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Let callbacks be on loopback, private, link-local or reserved addresses. Off by default: anyone may subscribe, and
    /// a public hub must not be made to call into the network it runs in (see <see cref="CallbackAddresses"/>).
    /// </summary>
    public bool AllowPrivateCallbacks { get; set; }

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (MinLease < TimeSpan.FromMinutes(1))
            yield return (nameof(MinLease), $"must be at least 00:01:00; got {MinLease}");
        if (MaxLease < MinLease || MaxLease > TimeSpan.FromDays(365))
            yield return (nameof(MaxLease), $"must be from MinLease ({MinLease}) to 365.00:00:00; got {MaxLease}");
        if (DefaultLease < MinLease || DefaultLease > MaxLease)
            yield return (nameof(DefaultLease), $"must be from MinLease ({MinLease}) to MaxLease ({MaxLease}); got {DefaultLease}");
        if (AttemptTimeout < TimeSpan.FromSeconds(1) || AttemptTimeout > TimeSpan.FromMinutes(5))
            yield return (nameof(AttemptTimeout), $"must be from 00:00:01 to 00:05:00; got {AttemptTimeout}");
        if (RetryAttempts is < 0 or > 10)
            yield return (nameof(RetryAttempts), $"must be from 0 to 10; got {RetryAttempts}");
        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
            yield return (nameof(RetryDelay), $"must be from 00:00:00 to 00:01:00; got {RetryDelay}");
        if (FailureBackoff < TimeSpan.FromSeconds(1) || FailureBackoff > TimeSpan.FromHours(6))
            yield return (nameof(FailureBackoff), $"must be from 00:00:01 to 06:00:00; got {FailureBackoff}");
    }

    /// <summary>The longest one verification or push may take, retries and their backoff included.</summary>
    public TimeSpan TotalTimeout => AttemptTimeout * (RetryAttempts + 1) + RetryDelay * Math.Pow(2, RetryAttempts + 1);

    /// <summary>The lease granted for one asked (in seconds, or none).</summary>
    public TimeSpan Lease(long? askedSeconds) => askedSeconds is not { } asked
        ? DefaultLease
        : TimeSpan.FromSeconds(Math.Clamp(asked, (long)MinLease.TotalSeconds, (long)MaxLease.TotalSeconds));
}
