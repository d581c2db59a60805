using System.Text.RegularExpressions;
using Aggregator.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Aggregator.Exports;

/// <summary>
/// GET /exports/                       what can be exported: tables, formats, years, schema version
/// GET /exports/{table}.{parquet|csv}  one table, streamed as it is made, for a year and/or any job filter
/// </summary>
public static partial class ExportsApi
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/exports").WithTags("Research");
        group.MapGet("/", IndexAsync).WithName("Exports").WithSummary("The exportable tables, formats and years");
        group.MapGet("/{file}", FileAsync).WithName("ExportFile")
            .AcceptsJobQuery(ExportService.Rules)
            .WithSummary("One table (jobs, locations, changes, sources) as Parquet or CSV, for a year and/or any job filter")
            .WithDescription("Streamed as it is made (no Content-Length). Parquet: ZSTD, row groups of up to 100,000 rows and 16 MB in memory, sorted by posting date "
                + "(changes by time, sources by id). CSV: PostgreSQL COPY, with a header, times in UTC. Columns: docs/research-data.md. "
                + "The export verb writes the same files with a manifest of row counts and checksums.")
            .Produces(200, contentType: "application/vnd.apache.parquet").Produces(200, contentType: "text/csv").ProducesValidationProblem()
            .ProducesProblem(503);
        return app;
    }

    public sealed record ExportIndex(int SchemaVersion, IReadOnlyList<string> Tables, IReadOnlyList<string> Formats, IReadOnlyList<int> Years, IReadOnlyList<string> Files);

    static async Task<Ok<ExportIndex>> IndexAsync(Npgsql.NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new Npgsql.NpgsqlCommand(
            "select coalesce(array_agg(y order by y), '{}') from (select distinct extract(year from coalesce(posted_at, first_seen_at) at time zone 'UTC')::int as y from jobs) t", conn);
        var years = (int[])(await cmd.ExecuteScalarAsync(ct))!;
        var files = ExportTables.All.SelectMany(t => new[] { ExportFormat.Parquet, ExportFormat.Csv }.Select(f => $"/exports/{ExportService.FileName(t, f, null)}")).ToList();
        return TypedResults.Ok(new ExportIndex(ExportTables.SchemaVersion, [.. ExportTables.All.Select(t => t.Name)], ["parquet", "csv"], years, files));
    }

    /// <summary>How long a client refused for want of a slot is asked to wait.</summary>
    public static readonly TimeSpan Busy = TimeSpan.FromSeconds(30);

    static async Task<Results<EmptyHttpResult, NotFound, ValidationProblem, ProblemHttpResult>> FileAsync(
        string file, HttpContext http, ExportService exports, ExportGate gate, CancellationToken ct)
    {
        if (FilePattern().Match(file) is not { Success: true } match || ExportTables.Find(match.Groups["table"].Value) is not { } table)
            return TypedResults.NotFound();
        var format = match.Groups["ext"].Value == "parquet" ? ExportFormat.Parquet : ExportFormat.Csv;
        var (scope, errors) = await exports.ParseAsync(http.Request.Query, ct);
        if (scope is null)
            return JobQueryResolver.Invalid(errors!);

        using var slot = gate.TryEnter();
        if (slot is null)
        {
            http.Response.Headers.RetryAfter = ((int)Busy.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: 503, title: "Too many exports at once",
                detail: $"This server streams at most {gate.Limit} exports at once (Exports:MaxConcurrent) and all are running; try again in {(int)Busy.TotalSeconds} seconds.");
        }
        await using var conn = await exports.OpenAsync(scope, ct);
        http.Response.ContentType = ExportWriter.ContentType(format);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{ExportService.FileName(table, format, scope.Year)}\"";
        http.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromHours(1) };
        await ExportWriter.WriteAsync(conn, table, format, http.Response.Body, ct);
        return TypedResults.Empty;
    }

    [GeneratedRegex(@"^(?<table>[a-z]+)\.(?<ext>parquet|csv)$")]
    private static partial Regex FilePattern();
}
