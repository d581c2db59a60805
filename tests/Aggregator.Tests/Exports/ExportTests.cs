using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Aggregator.Exports;
using Aggregator.Tests.Support;
using CsvHelper;
using DuckDB.NET.Data;
using Npgsql;

namespace Aggregator.Tests.Exports;

/// <summary>Exports of <see cref="SeededHistory.SeedFiveJobsAsync"/> and one awkward job, read back by DuckDB and a CSV reader.</summary>
public sealed class ExportTests(PostgresFixture postgres) : IAsyncLifetime
{
    JobsHost host = null!;
    string folder = null!;

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        var ids = await host.SeedFiveJobsAsync();
        // Text a CSV writer must quote (separator, quotes, a line break), two places, a list, and a salary in another currency.
        var odd = await host.PostAsync(JobsHost.Job("city", "J6", "Analyst, \"Data\" =1+1") with
        {
            SeriesCodes = ["2210", "1550"], SalaryCurrency = "CAD", SalaryAnnualMin = 90_000.5m, SalaryAnnualMax = null,
        }, "2025-03-15");
        await host.ExecuteAsync("""
            update jobs set role_evidence = E'title: line one\nline two', locations = '[{"city":"Baltimore","region":"US-MD","country":"US","latitude":39.29,"longitude":-76.61,"text":"Baltimore, MD"},{"city":"Annapolis","region":"US-MD","country":"US","text":"Annapolis"}]'
            where id = @odd
            """, new { odd });
        folder = TestRun.Scratch("export");
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    ExportService Service => host.Web.Services.GetRequiredService<ExportService>();

    static ExportScope All => new(null, null, null);

    /// <summary>PostgreSQL's rows of a table under a scope, with the type name of each column.</summary>
    async Task<(List<object?[]> Rows, string[] Types)> PostgresAsync(ExportScope scope, ExportTable table, bool asText = false)
    {
        await using var conn = await Service.OpenAsync(scope, CancellationToken.None);
        var sql = asText
            ? $"select {string.Join(", ", table.Columns.Select(c => $"({c.Sql})::text as {c.Name}"))} {table.From} order by {table.OrderBy}"
            : table.Select;
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToArray();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return (rows, types);
    }

    static async Task<(List<object?[]> Rows, string[] Types)> DuckAsync(string sql)
    {
        await using var duck = new DuckDBConnection("Data Source=:memory:");
        await duck.OpenAsync();
        await using var cmd = duck.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return (rows, []);
    }

    /// <summary>One spelling per value whatever the client's CLR type, so PostgreSQL's and DuckDB's values compare.</summary>
    static string Canon(object? value) => value switch
    {
        null => "∅",
        DateTimeOffset d => d.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        DateTime d => (d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc)).ToString("O", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.00", CultureInfo.InvariantCulture),
        double f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    static string DuckType(string postgres) => postgres switch
    {
        "bigint" => "BIGINT",
        "integer" => "INTEGER",
        "text" => "VARCHAR",
        "boolean" => "BOOLEAN",
        "timestamp with time zone" => "TIMESTAMP WITH TIME ZONE",
        "numeric(14, 2)" => "DECIMAL(14,2)",
        "double precision" => "DOUBLE",
        _ => postgres,
    };

    static string Sql(string path) => path.Replace("'", "''", StringComparison.Ordinal);

    [Fact]
    public async Task ParquetLoadsInDuckDbWithPostgresRowsTypesAndValues()
    {
        var manifest = await Service.WriteDirectoryAsync(All, folder, [ExportFormat.Parquet, ExportFormat.Csv], CancellationToken.None);

        foreach (var table in ExportTables.All)
        {
            var path = Path.Combine(folder, $"{table.Name}.parquet");
            var (expected, pgTypes) = await PostgresAsync(All, table);
            var (actual, _) = await DuckAsync($"select * from read_parquet('{Sql(path)}')");
            var (described, _) = await DuckAsync($"select column_name, column_type from (describe select * from read_parquet('{Sql(path)}'))");

            Assert.Equal(table.Columns.Select(c => c.Name), described.Select(d => (string)d[0]!));
            Assert.Equal(pgTypes.Select(DuckType), described.Select(d => (string)d[1]!));
            Assert.Equal(expected.Count, actual.Count);
            Assert.True(expected.Count > 0, $"{table.Name} exported no rows");
            Assert.Equal(expected.Select(r => r.Select(Canon)), actual.Select(r => r.Select(Canon)));
            Assert.Equal(expected.Count, Assert.Single(manifest.Files, f => f.Table == table.Name && f.Format == "parquet").Rows);
        }
        // Six jobs; J6's two places; five creations, four closes, a reopening and J6's creation; two sources.
        Assert.Equal([6L, 2L, 11L, 2L], ExportTables.All.Select(t => manifest.Files.Single(f => f.Table == t.Name && f.Format == "parquet").Rows));
    }

    [Fact]
    public async Task ParquetIsZstdSortedByPostingDateInRowGroups()
    {
        var path = Path.Combine(folder, "jobs-small-groups.parquet");
        await using (var conn = await Service.OpenAsync(All, CancellationToken.None))
        await using (var file = File.Create(path))
            Assert.Equal(6L, await ExportWriter.WriteAsync(conn, ExportTables.JobsTable, ExportFormat.Parquet, file, CancellationToken.None, rowGroupSize: 4));

        var (codecs, _) = await DuckAsync($"select distinct compression from parquet_metadata('{Sql(path)}')");
        Assert.Equal(["ZSTD"], codecs.Select(r => (string)r[0]!));
        var (groups, _) = await DuckAsync($"select row_group_id, max(row_group_num_rows) from parquet_metadata('{Sql(path)}') group by 1 order by 1");
        Assert.Equal([4L, 2L], groups.Select(r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture)));
        var (dates, _) = await DuckAsync($"select external_id from read_parquet('{Sql(path)}')");
        Assert.Equal(["J1", "J2", "J3", "J4", "J6", "J5"], dates.Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task ARowGroupEndsAtItsByteBudgetAndManyRowsRoundTripExactly()
    {
        // 12,000 more change rows of growing width: past the buffers' first size (4,096 rows), so they grow mid-group.
        await host.ExecuteAsync("""
            insert into job_changes (job_id, changed_at, field, old_value, new_value, reason)
            select (select min(id) from jobs), timestamptz '2025-06-01' + n * interval '1 minute', 'title', 'old ' || n, repeat('x', n % 300), 'bench'
            from generate_series(1, 12000) n
            """);
        var path = Path.Combine(folder, "changes-budget.parquet");
        const long budget = 256 << 10;
        long rows;
        await using (var conn = await Service.OpenAsync(All, CancellationToken.None))
        await using (var file = File.Create(path))
            rows = await ExportWriter.WriteAsync(conn, ExportTables.Changes, ExportFormat.Parquet, file, CancellationToken.None, rowGroupBytes: budget);

        var (expected, _) = await PostgresAsync(All, ExportTables.Changes);
        Assert.Equal(12_011L, rows);
        var (actual, _) = await DuckAsync($"select * from read_parquet('{Sql(path)}')");
        Assert.Equal(expected.Select(r => r.Select(Canon)), actual.Select(r => r.Select(Canon)));

        // Each group stopped at the first row that reached the budget: every group but the last is over it by less than a row.
        var (groups, _) = await DuckAsync($"select row_group_id, max(row_group_num_rows) from parquet_metadata('{Sql(path)}') group by 1 order by 1");
        var sizes = groups.Select(r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture)).ToList();
        Assert.True(sizes.Count > 10, $"a {budget:N0}-byte budget over 12,011 rows made {sizes.Count} groups");
        Assert.Equal(rows, sizes.Sum());
        Assert.All(sizes, s => Assert.InRange(s, 1, ExportWriter.RowGroupSize));
    }

    [Fact]
    public async Task CsvRoundTripsThroughAStandardReader()
    {
        var manifest = await Service.WriteDirectoryAsync(All, folder, [ExportFormat.Csv], CancellationToken.None);

        foreach (var table in ExportTables.All)
        {
            var (expected, _) = await PostgresAsync(All, table, asText: true);
            var rows = new List<string[]>();
            using (var csv = CsvReader.FromFile(Path.Combine(folder, $"{table.Name}.csv"), null))
            {
                while (csv.Read())
                    rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
                Assert.Equal(table.Columns.Select(c => c.Name), csv.Headers);
            }
            // CSV has no null: COPY writes it as an empty unquoted field, which reads back as "".
            Assert.Equal(expected.Count, rows.Count);
            for (var r = 0; r < rows.Count; r++)
                for (var c = 0; c < table.Columns.Count; c++)
                    Assert.True(Copied(table.Columns[c], (string?)expected[r][c]) == rows[r][c], $"{table.Name} row {r} {table.Columns[c].Name}: PostgreSQL '{expected[r][c]}' (COPY writes it as '{Copied(table.Columns[c], (string?)expected[r][c])}'), CSV '{rows[r][c]}'");
            Assert.Equal(expected.Count, manifest.Files.Single(f => f.Table == table.Name).Rows);
        }
        var jobs = await File.ReadAllTextAsync(Path.Combine(folder, "jobs.csv"));
        Assert.Contains("\"Analyst, \"\"Data\"\" =1+1\"", jobs, StringComparison.Ordinal);
    }

    /// <summary>What COPY writes for a value whose text is <paramref name="text"/>: null as nothing, booleans as t and f.</summary>
    static string Copied(ExportColumn column, string? text) => text is null ? "" : column.Type == ExportType.Boolean ? text[..1] : text;

    [Fact]
    public async Task TheManifestCountsAndChecksumsEveryFile()
    {
        var manifest = await Service.WriteDirectoryAsync(new ExportScope(2025, null, null), folder, [ExportFormat.Parquet, ExportFormat.Csv], CancellationToken.None);

        var written = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"))).RootElement;
        Assert.Equal(ExportTables.SchemaVersion, written.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(2025, written.GetProperty("year").GetInt32());
        Assert.True(written.GetProperty("generatedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(8, written.GetProperty("files").GetArrayLength());
        foreach (var file in manifest.Files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, file.Path));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
            Assert.Equal(bytes.Length, file.Bytes);
            Assert.EndsWith("-2025." + file.Format, file.Path, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AYearOrAFilterNarrowsEveryTableButSources()
    {
        var (empty, _) = await Service.ParseAsync(Query("year=2024"), CancellationToken.None);
        var none = await Service.WriteDirectoryAsync(empty!, folder, [ExportFormat.Parquet], CancellationToken.None);
        Assert.Equal([0L, 0L, 0L, 2L], none.Files.Select(f => f.Rows));
        var (zero, _) = await DuckAsync($"select count(*) from read_parquet('{Sql(Path.Combine(folder, "jobs-2024.parquet"))}')");
        Assert.Equal(0L, Convert.ToInt64(zero[0][0], CultureInfo.InvariantCulture));

        var (state, errors) = await Service.ParseAsync(Query("jurisdiction=state-of-examples"), CancellationToken.None);
        Assert.Null(errors);
        var some = await Service.WriteDirectoryAsync(state!, folder, [ExportFormat.Parquet], CancellationToken.None);
        // J3 and J5: their creations and J3's close.
        Assert.Equal([2L, 0L, 3L, 2L], some.Files.Select(f => f.Rows));
        Assert.Equal("jurisdiction=state-of-examples", some.Filters);
    }

    static Microsoft.AspNetCore.Http.QueryCollection Query(string text) => new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text));

    [Fact]
    public async Task ExportsAreServedOverHttp()
    {
        var index = await host.JsonAsync("/exports/");
        Assert.Equal([2025], index.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Contains("/exports/jobs.parquet", index.GetProperty("files").EnumerateArray().Select(f => f.GetString()));

        using var response = await host.Client.GetAsync("/exports/jobs.parquet?region=US-PA", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.apache.parquet", response.Content.Headers.ContentType!.MediaType);
        var path = Path.Combine(folder, "http.parquet");
        try
        {
            await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        }
        catch (HttpRequestException e)
        {
            Assert.Fail($"{e.Message}: {string.Join("\n", host.Web.Logs.Entries.Where(l => l.Exception is not null).Select(l => l.Exception!.ToString()))}");
        }
        var (rows, _) = await DuckAsync($"select external_id from read_parquet('{Sql(path)}')");
        Assert.Equal(["J3", "J5"], rows.Select(r => (string)r[0]!));

        var csv = await host.Client.GetStringAsync("/exports/changes.csv?year=2025&role=data-engineering");
        Assert.Equal(4, csv.TrimEnd('\n').Split('\n').Length); // the header, J2's creation, close and reopening

        foreach (var (query, status) in new[] { ("/exports/jobs.parquet?year=1999", HttpStatusCode.BadRequest), ("/exports/jobs.parquet?colour=red", HttpStatusCode.BadRequest),
                     ("/exports/jobs.parquet?posted_within=7", HttpStatusCode.BadRequest), ("/exports/salaries.parquet", HttpStatusCode.NotFound), ("/exports/jobs.xlsx", HttpStatusCode.NotFound) })
        {
            using var bad = await host.Client.GetAsync(query);
            Assert.True(status == bad.StatusCode, $"{query}: {(int)bad.StatusCode}");
        }
    }

    [Fact]
    public async Task AnExportPastTheNodesLimitIsA503WithRetryAfterAndAFreedSlotServesAgain()
    {
        var gate = host.Web.Services.GetRequiredService<ExportGate>();
        Assert.Equal(2, gate.Limit);
        using var first = gate.TryEnter();
        var second = gate.TryEnter();
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(gate.TryEnter());

        using (var busy = await host.Client.GetAsync("/exports/jobs.parquet"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(30), busy.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Exports:MaxConcurrent", await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        second!.Dispose();
        second.Dispose(); // a slot is given back once, however often it is disposed
        using (var served = await host.Client.GetAsync("/exports/jobs.csv"))
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        // The export that was served gave its slot back: one is free again, and only one.
        using var again = gate.TryEnter();
        Assert.NotNull(again);
        Assert.Null(gate.TryEnter());
    }

    [Fact]
    public void TheDataDictionaryDefinesEveryColumn()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "research-data.md"));
        foreach (var table in ExportTables.All)
        {
            var section = text[text.IndexOf($"### `{table.Name}`", StringComparison.Ordinal)..];
            Assert.All(table.Columns, c => Assert.Contains($"| `{c.Name}` |", section, StringComparison.Ordinal));
        }
    }
}
