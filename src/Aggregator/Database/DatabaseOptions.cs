using Aggregator.Config;

namespace Aggregator.Database;

/// <summary>Section <c>Database</c>. The connection string itself is <c>ConnectionStrings:Aggregator</c>.</summary>
public sealed class DatabaseOptions : ISettings
{
    public static string Section => "Database";

    /// <summary>Folder of the embedded cluster used when no connection string is configured.
    /// Default: <c>/var/lib/aggregator/postgres</c> as root, else <c>~/.local/share/aggregator/postgres</c>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Folder holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>. Default: <c>pg_config --bindir</c>,
    /// then the newest <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>Database created and used inside the embedded cluster.</summary>
    public string EmbeddedDatabase { get; set; } = "aggregator";

    /// <summary>Apply pending migrations when the service starts against a configured server.
    /// The embedded cluster is always migrated.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Turn PostgreSQL's JIT compilation off for the service's sessions (a startup option on the
    /// connection; see <see cref="DatabaseHost.ServiceConnectionString"/>). Turn this off behind a pooler that
    /// rejects startup options, and set <c>jit = off</c> for the role there.</summary>
    public bool DisableJit { get; set; } = true;

    /// <summary>How long one SQL command may run (Npgsql <c>Command Timeout</c>) before it fails and a request answers 503.
    /// Our searches take well under a second at 100,000 jobs; the scrape's one long statement (regrouping duplicates) sets
    /// its own. Kept unless the connection string sets <c>Command Timeout</c> itself.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long opening a connection may take (Npgsql <c>Timeout</c>), so a database that accepts connections but
    /// does not answer costs a request this long, not Npgsql's 15 s. Kept unless the connection string sets <c>Timeout</c>.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Extra <c>postgresql.conf</c> settings for the embedded cluster (tests turn fsync off).</summary>
    public Dictionary<string, string> ServerSettings { get; set; } = [];

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (string.IsNullOrWhiteSpace(EmbeddedDatabase) || !EmbeddedDatabase.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            yield return (nameof(EmbeddedDatabase), $"must be a database name of lower-case letters, digits and _; got '{EmbeddedDatabase}'");
        if (PostgresBinDirectory is { Length: > 0 } bin && !Directory.Exists(bin))
            yield return (nameof(PostgresBinDirectory), $"'{bin}' is not a folder");
        foreach (var (name, value, max) in new[] { (nameof(CommandTimeout), CommandTimeout, TimeSpan.FromMinutes(10)), (nameof(ConnectTimeout), ConnectTimeout, TimeSpan.FromMinutes(1)) })
            if (value < TimeSpan.FromSeconds(1) || value > max || value.Ticks % TimeSpan.TicksPerSecond != 0)
                yield return (name, $"must be whole seconds from 00:00:01 to {max:c}; got {value:c}");
    }
}
