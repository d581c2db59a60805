using System.Diagnostics;

namespace Aggregator.Tests.Support;

/// <summary>
/// Real clients the tests check our output with (python3-feedparser, jing, newsboat). `tests/run` installs
/// them; a plain `dotnet test` without them skips those tests and says which package is missing, except
/// under CI (CI=true), where a missing client fails the test.
/// </summary>
public static class ExternalTool
{
    public static void Require(string command, string debianPackage, string? probeArguments = null)
    {
        if (Find(command) is not null && (probeArguments is null || Run(command, probeArguments).ExitCode == 0))
            return;
        var message = $"{command} (Debian package {debianPackage}) is not installed; tests/run installs it.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message);
        Assert.Skip(message);
    }

    static string? Find(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists);

    public static (int ExitCode, string Output) Run(string command, string arguments, string? stdin = null, int timeoutMs = 60_000,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }
        return (process.ExitCode, output.Result + error.Result);
    }
}
