using Aggregator.Composition;
using Aggregator.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Cli;

/// <summary>The binary as an operator runs it: bad settings and impossible switch combinations stop it at once, saying what to fix.</summary>
public sealed class SettingsAndServeTests
{
    static (int ExitCode, string Output) Aggregator(string arguments, Dictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string?>
        {
            // Never the embedded default or a real server: these runs must stop before they reach a database.
            ["ConnectionStrings__Aggregator"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=1",
            ["Sources__Directory"] = Fixtures.Path("definitions"),
        };
        foreach (var (k, v) in environment ?? [])
            env[k] = v;
        return ExternalTool.Run("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "aggregator.dll")}\" {arguments}",
            timeoutMs: 30_000, environment: env, workingDirectory: Path.GetTempPath());
    }

    [Fact]
    public void ServeWithNeitherApiNorSchedulerRefusesToStart()
    {
        var (code, output) = Aggregator("serve --no-api --no-scheduler");

        Assert.Equal(2, code);
        Assert.Contains("Nothing to serve", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ServeWithoutApiAndWithTheSchedulerSwitchedOffInSettingsRefusesToStart()
    {
        var (code, output) = Aggregator("serve --no-api", new() { ["Scheduler__Enabled"] = "false" });

        Assert.Equal(2, code);
        Assert.Contains("Nothing to serve", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Scraping__HostDelay", "abc", "'Scraping:HostDelay'")]
    [InlineData("Scraping__HostDelay", "-00:00:01", "Scraping:HostDelay (environment variable Scraping__HostDelay): must be from 00:00:00 to 00:10:00")]
    [InlineData("Feeds__CacheSeconds", "-5", "Feeds:CacheSeconds (environment variable Feeds__CacheSeconds): must be from 0 (off) to 86400; got -5")]
    [InlineData("Scraping__Guard__MinimumSeenRatio", "2", "Scraping:Guard:MinimumSeenRatio (environment variable Scraping__Guard__MinimumSeenRatio): must be from 0 to 1")]
    [InlineData("Scheduler__MaxConcurrency", "0", "Scheduler:MaxConcurrency")]
    [InlineData("UsaJobs__Email", "not an address", "UsaJobs:Email")]
    [InlineData("Site__BaseUrl", "jobs.example.org", "Site:BaseUrl (environment variable Site__BaseUrl): must be an absolute http(s) address")]
    [InlineData("Site__KnownProxies", "127.0.0.1;nginx", "Site:KnownProxies (environment variable Site__KnownProxies): 'nginx' is neither an IP address nor a CIDR range")]
    [InlineData("Feeds__CacheMegabytes", "0", "Feeds:CacheMegabytes (environment variable Feeds__CacheMegabytes): must be from 1 to 16384; got 0")]
    [InlineData("Database__CommandTimeout", "00:00:00.500", "Database:CommandTimeout (environment variable Database__CommandTimeout): must be whole seconds from 00:00:01 to 00:10:00")]
    [InlineData("Memory__QuietMiB", "0", "Memory:QuietMiB (environment variable Memory__QuietMiB): must be from 1 to 1024 MiB; got 0")]
    [InlineData("Memory__TrimAfterMiB", "2", "Memory:TrimAfterMiB (environment variable Memory__TrimAfterMiB): must be at least QuietMiB (4); got 2")]
    [InlineData("WebSub__MaxLease", "00:30:00", "WebSub:MaxLease (environment variable WebSub__MaxLease): must be from MinLease (01:00:00) to 365.00:00:00; got 00:30:00")]
    public void ABadSettingStopsServeWithTheKeyToFix(string variable, string value, string expected) =>
        AssertStopsWith("serve", variable, value, expected);

    [Fact]
    public void EveryVerbThatUsesSettingsChecksThemFirst()
    {
        foreach (var verb in new[] { "migrate", "scrape --all", "demo --port 1" })
            AssertStopsWith(verb, "Scraping__RetryAttempts", "99", "Scraping:RetryAttempts (environment variable Scraping__RetryAttempts): must be from 0 to 10; got 99");
    }

    static void AssertStopsWith(string verb, string variable, string value, string expected)
    {
        var (code, output) = Aggregator(verb, new() { [variable] = value });

        Assert.True(code == 78, $"{verb}: exit {code}\n{output}");
        Assert.Contains("Configuration error: ", output, StringComparison.Ordinal);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GoodSettingsPassTheCheck()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scraping:HostDelay"] = "00:00:02",
            ["Feeds:CacheSeconds"] = "0",
            ["UsaJobs:Email"] = "me@example.org",
        }).Build();

        AppServices.CheckSettings(configuration);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scraping:RetryAttempts"] = "99",
            ["Scraping:MaxResponseBytes"] = "0",
        }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => AppServices.CheckSettings(configuration));
        Assert.Equal(2, error.Failures.Count());
    }
}
