using System.Diagnostics;

namespace Aggregator.Tests.Support;

/// <summary>
/// Programs the tests need on the machine: the clients we check our output with (python3-feedparser, jing,
/// newsboat) and the PostgreSQL server binaries. `tests/run` installs them; a plain `dotnet test` without one skips
/// the tests that need it and says which package is missing, except under CI (CI=true), where a missing program
/// fails the test.
/// </summary>
public static class ExternalTool
{
    public static void Require(string command, string debianPackage, string? probeArguments = null)
    {
        if (Find(command) is not null && (probeArguments is null || Run(command, probeArguments).ExitCode == 0))
            return;
        Unavailable($"{command} (Debian package {debianPackage}) is not installed; tests/run installs it.");
    }

    /// <summary>Skips the calling test saying what is missing, or fails it under CI, where nothing may be.</summary>
    public static void Unavailable(string message)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message);
        Assert.Skip(message);
    }

    static string? Find(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists);

    /// <param name="environment">Variables to set for the child; a null value removes one it would inherit.</param>
    public static (int ExitCode, string Output) Run(string command, string arguments, string? stdin = null, int timeoutMs = 60_000,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var (code, output, error) = RunSeparately(command, arguments, stdin, timeoutMs, environment, workingDirectory);
        return (code, output + error);
    }

    /// <summary>As <see cref="Run"/>, with standard output and standard error apart.</summary>
    public static (int ExitCode, string Output, string Error) RunSeparately(string command, string arguments, string? stdin = null, int timeoutMs = 60_000,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
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
            return (-1, "timed out", "");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
