using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Aggregator.Search;
using Dapper;
using Npgsql;

namespace Aggregator.Exports;

/// <summary>What an export covers: the jobs posted in a year (by posting date), those a job query selects, or both; neither is every job.</summary>
/// <param name="Filters">Null: no filter (every job, digital or not, open or closed). A query keeps its own defaults (digital only unless <c>digital=any</c>).</param>
/// <param name="FilterText">The filters as given, for the manifest.</param>
public sealed record ExportScope(int? Year, JobQuery? Filters, string? FilterText);

public sealed record ExportFile(string Table, string Format, string Path, long Rows, long Bytes, string Sha256);

public sealed record ExportManifest(int SchemaVersion, DateTimeOffset GeneratedAt, string? ClassifierVersion, int? Year, string? Filters,
    string Annualization, IReadOnlyList<ExportFile> Files);

/// <summary>
/// Bulk exports: selects the scope's jobs once per connection (a temporary table of ids) and writes each table over it.
/// The CLI's <c>export</c> writes files and a manifest; <c>/exports/</c> streams one table at a time.
/// </summary>
public sealed class ExportService(NpgsqlDataSource db, JobSearchStore search, JobQueryResolver resolver, TimeProvider time)
{
    /// <summary>An export's parameters: <c>year</c> beside the job query's filters (no paging, no sort).</summary>
    public static readonly JobQueryRules Rules = new(0, 0, AllowSort: false, Paged: false)
    {
        Extra = [new("year", "The jobs posted that year (UTC, by posting date: posted_at, else first_seen_at). Without it, every year.")],
    };

    /// <summary>The scope these parameters ask for, or the problems by parameter (each a 400 on HTTP).</summary>
    public async Task<(ExportScope? Scope, Dictionary<string, string[]>? Errors)> ParseAsync(IQueryCollection query, CancellationToken ct)
    {
        var (parsed, errors) = JobQueryParser.Parse(query, Rules);
        int? year = null;
        if (query["year"] is { Count: > 0 } years)
        {
            if (years.Count > 1)
                errors["year"] = ["Give this parameter once."];
            else if (int.TryParse(years[0], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 2000 && y <= time.GetUtcNow().Year)
                year = y;
            else
                errors["year"] = [$"Expected a year from 2000 to {time.GetUtcNow().Year}, such as 2025."];
        }
        if (parsed is null || errors.Count > 0)
            return (null, errors);
        if (parsed.PostedWithin is not null || parsed.ClosingWithin is not null)
            return (null, new() { [parsed.PostedWithin is not null ? "posted_within" : "closing_within"] = ["Not for exports: it moves with today. Use year, or open_on."] });
        var filtered = query.Keys.Any(k => k != "year");
        if (!filtered)
            return (new ExportScope(year, null, null), null);
        var (resolved, problems, _) = await resolver.ResolveAsync(parsed, Microsoft.Extensions.Primitives.StringValues.Empty, ct);
        if (resolved is null)
            return (null, problems);
        var text = string.Join('&', query.Where(q => q.Key != "year").OrderBy(q => q.Key, StringComparer.Ordinal)
            .SelectMany(q => q.Value.Select(v => $"{q.Key}={Uri.EscapeDataString(v ?? "")}")));
        return (new ExportScope(year, resolved, text), null);
    }

    public const string Annualization = "hourly × 2,087 (US federal) or × 2,080, daily × 260, weekly × 52, biweekly × 26, semi-monthly × 24, monthly × 12, annual as posted (salary_method per row)";

    /// <summary>
    /// A connection whose <c>export_jobs</c> holds the scope's job ids. The table is made in its own short transaction and read
    /// outside any: a long read holds no transaction id, so it never holds back the change log.
    /// </summary>
    public async Task<NpgsqlConnection> OpenAsync(ExportScope scope, CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            var p = new DynamicParameters();
            var where = scope.Filters is { } q ? search.Filters(q, q.Q is null ? SearchMode.None : SearchMode.FullText, p, "j") : [];
            if (scope.Year is { } year)
            {
                where.Add("coalesce(j.posted_at, j.first_seen_at) >= @yearStart and coalesce(j.posted_at, j.first_seen_at) < @yearEnd");
                p.Add("yearStart", new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero));
                p.Add("yearEnd", new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero));
            }
            // Times leave in UTC whatever the server's zone (COPY writes them as text).
            await conn.ExecuteAsync(new CommandDefinition($"""
                set timezone = 'UTC';
                drop table if exists export_jobs;
                create temp table export_jobs (id bigint primary key);
                insert into export_jobs select j.id from jobs j {(where.Count == 0 ? "" : "where " + string.Join(" and ", where))};
                analyze export_jobs;
                """, p, commandTimeout: 0, cancellationToken: ct));
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes every table in every format into <paramref name="directory"/>, then <c>manifest.json</c> with counts and checksums.</summary>
    public async Task<ExportManifest> WriteDirectoryAsync(ExportScope scope, string directory, IReadOnlyList<ExportFormat> formats, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var generatedAt = time.GetUtcNow();
        var files = new List<ExportFile>();
        await using var conn = await OpenAsync(scope, ct);
        var classifier = await conn.ExecuteScalarAsync<string?>(new CommandDefinition("select version from classifier_state", cancellationToken: ct));
        foreach (var table in ExportTables.All)
        {
            foreach (var format in formats)
            {
                var name = FileName(table, format, scope.Year);
                var path = Path.Combine(directory, name);
                long rows;
                await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                    rows = await ExportWriter.WriteAsync(conn, table, format, file, ct);
                files.Add(new ExportFile(table.Name, ExportWriter.Extension(format), name, rows, new FileInfo(path).Length, await Sha256Async(path, ct)));
            }
        }
        var manifest = new ExportManifest(ExportTables.SchemaVersion, generatedAt, classifier, scope.Year, scope.FilterText, Annualization, files);
        await File.WriteAllTextAsync(Path.Combine(directory, "manifest.json"), JsonSerializer.Serialize(manifest, ManifestJson), ct);
        return manifest;
    }

    public static string FileName(ExportTable table, ExportFormat format, int? year) =>
        year is { } y ? string.Create(CultureInfo.InvariantCulture, $"{table.Name}-{y}.{ExportWriter.Extension(format)}") : $"{table.Name}.{ExportWriter.Extension(format)}";

    public static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }
}
