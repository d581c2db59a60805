using System.Collections;
using System.Diagnostics;

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
        string arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null) =>
        ExternalTool.RunSeparately(Dotnet, $"\"{Binary}\" {arguments}", stdin, environment: Variables(workingDirectory, environment), workingDirectory: workingDirectory);

    /// <summary>Starts the binary as a long-running process (a node of a cluster), its output written to <c>name.log</c> in the working directory.</summary>
    public static NodeProcess Start(string name, string arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(Dotnet, $"\"{Binary}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (variable, value) in Variables(workingDirectory, environment))
        {
            if (value is null)
                start.Environment.Remove(variable);
            else
                start.Environment[variable] = value;
        }
        return new NodeProcess(name, Process.Start(start)!, Path.Combine(workingDirectory, name + ".log"));
    }

    static Dictionary<string, string?> Variables(string workingDirectory, IReadOnlyDictionary<string, string?>? environment)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            if (variable.Key is string name && (name.Contains("__", StringComparison.Ordinal) || name.EndsWith("_ENVIRONMENT", StringComparison.Ordinal)))
                variables[name] = null;
        // Should a verb fall back to an embedded cluster, it makes it here and not in the machine's default folder.
        variables["Database__DataDirectory"] = Path.Combine(workingDirectory, "embedded");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            variables[name] = value;
        return variables;
    }
}

/// <summary>A running service process; disposing it kills it if it still runs.</summary>
public sealed class NodeProcess : IDisposable
{
    readonly Process process;
    readonly StreamWriter log;
    readonly Lock gate = new();

    internal NodeProcess(string name, Process process, string logFile)
    {
        Name = name;
        this.process = process;
        LogFile = logFile;
        log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }
    public string LogFile { get; }
    public bool HasExited => process.HasExited;

    void Write(string? line)
    {
        if (line is null)
            return;
        lock (gate)
            log.WriteLine(line);
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything, as when a machine dies.</summary>
    public void Kill()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string Tail(int lines = 30)
    {
        lock (gate)
        {
            log.Flush();
            using var reader = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var all = new StreamReader(reader).ReadToEnd().Split('\n');
            return $"--- {Name} ---\n" + string.Join('\n', all.TakeLast(lines));
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
        lock (gate)
            log.Dispose();
    }
}
