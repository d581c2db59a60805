using Aggregator.Config;

namespace Aggregator.Sources.Adapters.UsaJobs;

/// <summary>Section <c>UsaJobs</c>: the Search API key and the e-mail it was registered with (configuration only, never a definition file).</summary>
public sealed class UsaJobsOptions : ISettings
{
    public static string Section => "UsaJobs";

    public string? ApiKey { get; set; }

    /// <summary>USAJOBS identifies callers by this address, sent as the User-Agent of its requests.</summary>
    public string? Email { get; set; }

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (Email is { Length: > 0 } email && (!email.Contains('@', StringComparison.Ordinal) || email.Any(char.IsWhiteSpace)))
            yield return (nameof(Email), $"'{email}' is not an e-mail address");
    }

    /// <summary>The secrets the adapter reads from its context, by configuration key.</summary>
    public IEnumerable<KeyValuePair<string, string>> Secrets()
    {
        if (ApiKey is { Length: > 0 } key)
            yield return new(UsaJobsAdapter.ApiKeySecret, key);
        if (Email is { Length: > 0 } email)
            yield return new(UsaJobsAdapter.EmailSecret, email);
    }
}
