using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Aggregator.Database;

/// <summary>
/// A private PostgreSQL cluster run from the server binaries installed on the machine, in a data folder of its own.
/// The process that starts the server stops it on dispose; a second process finding it running joins as a guest
/// and leaves it running. A server left behind by a process that died is adopted by the next one.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    /// <summary>The cluster's bootstrap superuser: creates databases and roles and runs migrations, nothing else.</summary>
    public const string SuperUser = "aggregator";
    /// <summary>The role the service runs as: it reads and writes rows, and can neither change the schema nor administer the cluster.</summary>
    public const string ServiceRole = "aggregator_service";
    const string ServiceUser = "aggregator-pg";

    readonly string binDirectory;
    readonly string root;
    readonly string? osUser;
    readonly ILogger logger;
    bool ownsServer;

    EmbeddedPostgres(string binDirectory, string root, string? osUser, int port, string password, bool ownsServer, ILogger logger)
    {
        this.binDirectory = binDirectory;
        this.root = root;
        this.osUser = osUser;
        Port = port;
        Password = password;
        this.ownsServer = ownsServer;
        this.logger = logger;
    }

    public int Port { get; }
    public string Password { get; }
    public string DataDirectory => Path.Combine(root, "data");
    string ServicePasswordFile => Path.Combine(root, "service-password");

    /// <summary>The superuser's connection: for creating databases and roles and for migrations.</summary>
    public string ConnectionString(string database) => Connection(database, SuperUser, Password);

    /// <summary>The service's own connection, as <see cref="ServiceRole"/> (see <see cref="EnsureServiceRoleAsync"/>).</summary>
    public string ServiceConnectionString(string database) =>
        Connection(database, ServiceRole, File.ReadAllText(ServicePasswordFile).Trim());

    string Connection(string database, string user, string password) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = user,
        Password = password,
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// Gives <see cref="ServiceRole"/> what the running service needs in <paramref name="database"/> and nothing more:
    /// a login with its own password (kept in a 0600 file beside the superuser's), no superuser, database or role
    /// rights, and row access (select, insert, update, delete) on the tables the migrations created, plus the
    /// sequences behind them. Run after every migration, so tables a new migration adds are covered.
    /// </summary>
    public async Task EnsureServiceRoleAsync(string database, CancellationToken ct)
    {
        if (!File.Exists(ServicePasswordFile))
            await WriteSecretAsync(ServicePasswordFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), ct);
        var password = (await File.ReadAllTextAsync(ServicePasswordFile, ct)).Trim();
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("select 1 from pg_roles where rolname = @role", admin);
            exists.Parameters.AddWithValue("role", ServiceRole);
            var verb = await exists.ExecuteScalarAsync(ct) is null ? "create" : "alter";
            // The password is ours (hex), but it is still passed as a literal, never spliced unquoted.
            await using var role = new NpgsqlCommand(
                $"{verb} role {ServiceRole} with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '{password.Replace("'", "''", StringComparison.Ordinal)}'", admin);
            await role.ExecuteNonQueryAsync(ct);
        }
        await using var conn = new NpgsqlConnection(ConnectionString(database));
        await conn.OpenAsync(ct);
        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var grant = new NpgsqlCommand($"""
            revoke create on schema public from public;
            grant connect, temporary on database {quoted} to {ServiceRole};
            grant usage on schema public to {ServiceRole};
            grant select, insert, update, delete on all tables in schema public to {ServiceRole};
            grant usage, select on all sequences in schema public to {ServiceRole};
            """, conn);
        await grant.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes a secret into a file created owner-only (0600): it is never readable by others, not even for a moment.</summary>
    static async Task WriteSecretAsync(string path, string secret, CancellationToken ct)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await using var stream = new FileStream(path, options);
        // An existing file keeps its old mode; make sure it is owner-only too.
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(secret), ct);
    }

    public static string DefaultRoot() => Environment.IsPrivilegedProcess
        ? "/var/lib/aggregator/postgres"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "aggregator", "postgres");

    public static async Task<EmbeddedPostgres> StartAsync(
        string? dataDirectory, string? binDirectory, IReadOnlyDictionary<string, string> settings, ILogger logger, CancellationToken ct)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            throw new EmbeddedPostgresException("The embedded database runs on Linux and macOS only; set ConnectionStrings__Aggregator to use a PostgreSQL server.");

        var bin = FindBinaries(binDirectory);
        var root = Path.GetFullPath(dataDirectory ?? DefaultRoot());
        Directory.CreateDirectory(root);

        await using var startLock = await AcquireLockAsync(Path.Combine(root, ".lock"), ct);

        string? osUser = null;
        if (Environment.IsPrivilegedProcess)
        {
            // PostgreSQL refuses to run as root, so the server runs as an unprivileged system user.
            osUser = await EnsureServiceUserAsync(ct);
            MakeReachable(root, osUser);
        }

        var data = Path.Combine(root, "data");
        var run = Path.Combine(root, "run");
        Directory.CreateDirectory(run);
        if (osUser is not null)
            await RunAsync("chown", [osUser, run], null, ct);

        var passwordFile = Path.Combine(root, "password");
        var major = await ServerMajorVersionAsync(bin, ct);

        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
                throw new EmbeddedPostgresException($"{data} exists but is not a PostgreSQL data folder; move it away or set Database__DataDirectory.");
            await InitializeAsync(bin, data, run, passwordFile, osUser, logger, ct);
        }
        else
        {
            var dataMajor = File.ReadAllText(Path.Combine(data, "PG_VERSION")).Trim();
            if (dataMajor != major)
                throw new EmbeddedPostgresException(
                    $"The embedded cluster in {data} was made by PostgreSQL {dataMajor}, but the binaries in {bin} are version {major}. " +
                    $"Install PostgreSQL {dataMajor} or point Database__DataDirectory at a new folder.");
        }

        if (!File.Exists(passwordFile))
            throw new EmbeddedPostgresException($"{passwordFile} is missing, so the embedded cluster in {data} cannot be opened; restore it or point Database__DataDirectory at a new folder.");
        var password = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();

        var ownerFile = Path.Combine(root, "owner");
        var running = RunningServer(data);
        if (running is { } server)
        {
            var owner = ReadPid(ownerFile);
            var ownerAlive = owner is { } pid && pid != Environment.ProcessId && IsAlive(pid);
            if (!ownerAlive)
                await File.WriteAllTextAsync(ownerFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), ct);
            logger.LogInformation("Using the embedded PostgreSQL already running on port {Port} ({Role})", server.Port, ownerAlive ? "guest" : "adopted");
            return new EmbeddedPostgres(bin, root, osUser, server.Port, password, ownsServer: !ownerAlive, logger);
        }

        var port = FreePort();
        WriteServerConfig(data, port, settings);
        if (osUser is not null)
            await RunAsync("chown", [osUser, Path.Combine(data, "aggregator.conf")], null, ct);

        var log = Path.Combine(run, "postgres.log");
        var (code, output) = await RunAsync(Path.Combine(bin, "pg_ctl"), ["start", "-D", data, "-w", "-t", "60", "-l", log], osUser, ct);
        if (code != 0)
            throw new EmbeddedPostgresException($"pg_ctl could not start the embedded PostgreSQL in {data}: {output.Trim()} {Tail(log)}");

        await File.WriteAllTextAsync(ownerFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), ct);
        logger.LogInformation("Started embedded PostgreSQL {Major} on 127.0.0.1:{Port} with data in {Data}", major, port, data);
        return new EmbeddedPostgres(bin, root, osUser, port, password, ownsServer: true, logger);
    }

    /// <summary>Creates <paramref name="database"/> if it does not exist; with <paramref name="recreate"/>, drops it first.</summary>
    public async Task EnsureDatabaseAsync(string database, bool recreate, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        if (recreate)
        {
            await using var drop = new NpgsqlCommand($"drop database if exists {quoted} with (force)", conn);
            await drop.ExecuteNonQueryAsync(ct);
        }
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", conn);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"create database {quoted}", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!ownsServer)
            return;
        ownsServer = false;
        var data = Path.Combine(root, "data");
        var (code, output) = await RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["stop", "-D", data, "-m", "fast", "-w", "-t", "60"], osUser, CancellationToken.None);
        if (code != 0)
            logger.LogWarning("pg_ctl could not stop the embedded PostgreSQL in {Data}: {Output}", data, output.Trim());
        else
            logger.LogInformation("Stopped embedded PostgreSQL");
        TryDelete(Path.Combine(root, "owner"));
    }

    internal static string FindBinaries(string? configured, IReadOnlyList<string>? searched = null)
    {
        static bool Complete(string dir) =>
            File.Exists(Path.Combine(dir, "postgres")) && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

        if (!string.IsNullOrWhiteSpace(configured))
            return Complete(configured)
                ? configured
                : throw new EmbeddedPostgresException($"Database:PostgresBinDirectory is {configured}, but initdb, pg_ctl and postgres are not all there.");

        var candidates = searched?.ToList() ?? DefaultCandidates();
        return candidates.FirstOrDefault(Complete) ?? throw new EmbeddedPostgresException(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found via pg_config --bindir or in /usr/lib/postgresql/*/bin. " +
            "Install the Debian package 'postgresql' (apt-get install postgresql), or set ConnectionStrings__Aggregator to use an existing server, " +
            "or Database__PostgresBinDirectory to where the binaries are.");
    }

    static List<string> DefaultCandidates()
    {
        var candidates = new List<string>();
        var fromPgConfig = PgConfigBinDir();
        if (fromPgConfig is not null)
            candidates.Add(fromPgConfig);
        foreach (var parent in new[] { "/usr/lib/postgresql", "/usr/local/lib/postgresql" })
        {
            if (!Directory.Exists(parent))
                continue;
            candidates.AddRange(Directory.GetDirectories(parent)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin")));
        }
        candidates.AddRange(["/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin"]);
        return candidates;
    }

    static string? PgConfigBinDir()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
                return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    static async Task<string> ServerMajorVersionAsync(string bin, CancellationToken ct)
    {
        var (code, output) = await RunAsync(Path.Combine(bin, "postgres"), ["--version"], null, ct);
        // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
        var token = output.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(t => t.Length > 0 && char.IsDigit(t[0]));
        if (code != 0 || token is null)
            throw new EmbeddedPostgresException($"{bin}/postgres --version failed: {output.Trim()}");
        return token.Split('.')[0];
    }

    static async Task InitializeAsync(string bin, string data, string run, string passwordFile, string? osUser, ILogger logger, CancellationToken ct)
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await WriteSecretAsync(passwordFile, password, ct);

        // initdb reads the password from a file the server user owns (0600, chowned to it); it is removed right after.
        var initPasswordFile = Path.Combine(run, "initdb-password");
        await WriteSecretAsync(initPasswordFile, password, ct);
        Directory.CreateDirectory(data);
        if (osUser is not null)
            await RunAsync("chown", [osUser, data, initPasswordFile], null, ct);
        File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        logger.LogInformation("Creating the embedded PostgreSQL cluster in {Data}", data);
        try
        {
            var (code, output) = await RunAsync(Path.Combine(bin, "initdb"),
                ["-D", data, "-U", SuperUser, "--pwfile", initPasswordFile, "--auth", "scram-sha-256", "-E", "UTF8", "--no-locale",
                 "--text-search-config", "english", "--no-instructions"], osUser, ct);
            if (code != 0)
                throw new EmbeddedPostgresException($"initdb failed for {data}: {output.Trim()}");
        }
        finally
        {
            TryDelete(initPasswordFile);
        }

        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), "\ninclude_if_exists = 'aggregator.conf'\n", ct);
    }

    static void WriteServerConfig(string data, int port, IReadOnlyDictionary<string, string> settings)
    {
        var conf = new StringBuilder()
            .AppendLine("# Written by Aggregator at every start of the embedded cluster.")
            .AppendLine(CultureInfo.InvariantCulture, $"port = {port}")
            .AppendLine("listen_addresses = '127.0.0.1'")
            // No Unix socket: its path length limit breaks deep data folders, and TCP on loopback is all we use.
            .AppendLine("unix_socket_directories = ''");
        foreach (var (key, value) in settings)
            conf.AppendLine(CultureInfo.InvariantCulture, $"{key} = '{value.Replace("'", "''", StringComparison.Ordinal)}'");
        File.WriteAllText(Path.Combine(data, "aggregator.conf"), conf.ToString());
    }

    static (int Pid, int Port)? RunningServer(string data)
    {
        var pidFile = Path.Combine(data, "postmaster.pid");
        if (!File.Exists(pidFile))
            return null;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(pidFile);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // postmaster.pid: pid, data dir, start time, port, socket dir, listen address, shmem key, status.
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port) || !IsAlive(pid))
            return null;
        return (pid, port);
    }

    static int? ReadPid(string file) =>
        File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid) ? pid : null;

    static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task<string> EnsureServiceUserAsync(CancellationToken ct)
    {
        // Debian's postgresql package makes a 'postgres' user; elsewhere we make a system user of our own.
        foreach (var user in new[] { "postgres", ServiceUser })
        {
            var (code, _) = await RunAsync("id", ["-u", user], null, ct);
            if (code == 0)
                return user;
        }
        var (created, output) = await RunAsync("useradd",
            ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", ServiceUser], null, ct);
        if (created != 0)
            throw new EmbeddedPostgresException($"Running as root, the embedded PostgreSQL needs an unprivileged user, and useradd {ServiceUser} failed: {output.Trim()}");
        return ServiceUser;
    }

    static void MakeReachable(string root, string osUser)
    {
        File.SetUnixFileMode(root, File.GetUnixFileMode(root) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        for (var dir = Path.GetDirectoryName(root); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (!File.GetUnixFileMode(dir).HasFlag(UnixFileMode.OtherExecute))
                throw new EmbeddedPostgresException(
                    $"The embedded PostgreSQL runs as the unprivileged user '{osUser}', which cannot reach {root} because {dir} is not searchable by others. " +
                    "Set Database__DataDirectory to a folder outside it (for example /var/lib/aggregator/postgres).");
        }
    }

    static async Task<IAsyncDisposable> AcquireLockAsync(string path, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, ct);
            }
        }
    }

    static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> args, string? asUser, CancellationToken ct)
    {
        var info = asUser is null ? new ProcessStartInfo(file) : new ProcessStartInfo(RunUser());
        if (asUser is not null)
        {
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add(asUser);
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(file);
        }
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        // The server user cannot read root's working directory; start children somewhere neutral.
        info.WorkingDirectory = "/";

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new EmbeddedPostgresException($"Could not start {file}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new EmbeddedPostgresException($"Could not run {info.FileName}: {e.Message}");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return (process.ExitCode, await stdout + await stderr);
        }
    }

    static string RunUser() =>
        new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists)
        ?? throw new EmbeddedPostgresException("Running as root, the embedded PostgreSQL needs runuser (Debian package util-linux) to start the server as an unprivileged user.");

    static string Tail(string log)
    {
        try
        {
            return File.Exists(log) ? "Server log: " + string.Join(" | ", File.ReadLines(log).TakeLast(5)) : "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

public sealed class EmbeddedPostgresException(string message) : Exception(message);
