using Aggregator.Config;

namespace Aggregator.Sources.Fetching;

/// <summary>Section <c>Scraping</c>: politeness and limits for every outgoing request.</summary>
public sealed class ScrapingOptions : ISettings
{
    public static string Section => "Scraping";

    /// <summary>Where site operators can reach us; sent in every User-Agent. Set it before scraping for real.</summary>
    public string ContactEmail { get; set; } = "";

    /// <summary>Product token and URL sent in the User-Agent.</summary>
    public string UserAgent { get; set; } = "AggregatorBot/1.0 (+https://github.com/aggregator-jobs/aggregator)";

    /// <summary>Pause between two requests to the same host.</summary>
    public TimeSpan HostDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Responses larger than this are refused (and the run fails) rather than read.</summary>
    public long MaxResponseBytes { get; set; } = 25 * 1024 * 1024;

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);
    public int RetryAttempts { get; set; } = 3;
    /// <summary>Base delay of the exponential, jittered backoff between retries.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Honour robots.txt for <c>access: page</c> sources. Off only for tests against a local server.</summary>
    public bool RespectRobotsTxt { get; set; } = true;

    /// <summary>How much of a robots.txt is read; RFC 9309 lets a crawler stop at 500 KiB, and a larger file must not cost memory.</summary>
    public int RobotsMaxBytes { get; set; } = 500 * 1024;

    /// <summary>How long a robots.txt that was read is trusted (RFC 9309: at most a day, unless the site is unreachable).</summary>
    public TimeSpan RobotsCacheDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>After robots.txt answered 5xx or could not be reached, when to ask again. Meanwhile the last copy that
    /// was read stands, or, without one, every page of the site is disallowed.</summary>
    public TimeSpan RobotsErrorRetry { get; set; } = TimeSpan.FromMinutes(15);

    public string FullUserAgent => string.IsNullOrWhiteSpace(ContactEmail) ? UserAgent : $"{UserAgent} contact: {ContactEmail}";

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (string.IsNullOrWhiteSpace(UserAgent))
            yield return (nameof(UserAgent), "must name the product (e.g. AggregatorBot/1.0 (+https://…))");
        if (ContactEmail.Length > 0 && (!ContactEmail.Contains('@', StringComparison.Ordinal) || ContactEmail.Any(char.IsWhiteSpace)))
            yield return (nameof(ContactEmail), $"'{ContactEmail}' is not an e-mail address");
        if (HostDelay < TimeSpan.Zero || HostDelay > TimeSpan.FromMinutes(10))
            yield return (nameof(HostDelay), $"must be from 00:00:00 to 00:10:00; got {HostDelay}");
        if (MaxResponseBytes <= 0)
            yield return (nameof(MaxResponseBytes), $"must be positive; got {MaxResponseBytes}");
        if (AttemptTimeout <= TimeSpan.Zero)
            yield return (nameof(AttemptTimeout), $"must be positive; got {AttemptTimeout}");
        if (TotalTimeout < AttemptTimeout)
            yield return (nameof(TotalTimeout), $"must be at least AttemptTimeout ({AttemptTimeout}); got {TotalTimeout}");
        if (RetryAttempts is < 0 or > 10)
            yield return (nameof(RetryAttempts), $"must be from 0 to 10; got {RetryAttempts}");
        if (RobotsMaxBytes is < 500 * 1024 or > 16 * 1024 * 1024)
            yield return (nameof(RobotsMaxBytes), $"must be from 512000 (RFC 9309's minimum) to 16777216; got {RobotsMaxBytes}");
        if (RobotsCacheDuration < TimeSpan.Zero || RobotsCacheDuration > TimeSpan.FromDays(1))
            yield return (nameof(RobotsCacheDuration), $"must be from 00:00:00 to 1.00:00:00 (RFC 9309); got {RobotsCacheDuration}");
        if (RobotsErrorRetry < TimeSpan.Zero)
            yield return (nameof(RobotsErrorRetry), $"must not be negative; got {RobotsErrorRetry}");
        if (RetryDelay < TimeSpan.Zero)
            yield return (nameof(RetryDelay), $"must not be negative; got {RetryDelay}");
    }
}
