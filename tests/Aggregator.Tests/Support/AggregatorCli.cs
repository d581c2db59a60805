using System.Collections;

namespace Aggregator.Tests.Support;

/// <summary>
/// The built service binary run as a process, <c>dotnet aggregator.dll VERB</c>, in a working directory the test
/// chose and with only the configuration the test gives it: no <c>Section__Key</c> variable of the machine leaks in.
/// </summary>
public static class AggregatorCli
{
    static readonly string Binary = Path.Combine(AppContext.BaseDirectory, "aggregator.dll");

    // The muxer that runs this test host, so the child uses the same runtime.
    static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    public static (int ExitCode, string Output, string Error) Run(
        string arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            if (variable.Key is string name && (name.Contains("__", StringComparison.Ordinal) || name.EndsWith("_ENVIRONMENT", StringComparison.Ordinal)))
                variables[name] = null;
        // Should a verb fall back to an embedded cluster, it makes it here and not in the machine's default folder.
        variables["Database__DataDirectory"] = Path.Combine(workingDirectory, "embedded");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            variables[name] = value;
        return ExternalTool.RunSeparately(Dotnet, $"\"{Binary}\" {arguments}", stdin, environment: variables, workingDirectory: workingDirectory);
    }
}
