using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Aggregator.Composition;
using Aggregator.Database;
using Aggregator.Demo;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Sources.Adapters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// Ingest against COPY (bench/ingest.sh): a generated Greenhouse board of N postings (descriptions of 3–10 KB, as real
/// boards send) served over loopback and scraped through the real runner (fetch, parse, normalize, upsert, change
/// records, regrouping, closing evidence), first as a new source and then again unchanged; against COPY of the same
/// normalized rows into the same table, timed alone (and rolled back, so the scrapes find the table as it was).
/// Prints rows/s of each and the slowest statements of each run.
/// </summary>
static class IngestBenchmark
{
    const string SourceId = "bench-greenhouse-board";
    const string Board = "bench-board";

    public static async Task<int> Run(string connectionString, int count)
    {
        DapperSetup.Configure();
        var c = CultureInfo.InvariantCulture;
        var folder = Directory.CreateTempSubdirectory("aggregator-ingest-").FullName;
        try
        {
            var bytes = WriteBoard(Path.Combine(folder, "board"), count);
            await using var replay = await ReplayServer.StartAsync(folder, CancellationToken.None);
            var statements = new StatementLog();
            using var loggers = LoggerFactory.Create(b => b.AddProvider(statements).SetMinimumLevel(LogLevel.Debug));
            var builder = new NpgsqlDataSourceBuilder(DatabaseHost.ServiceConnectionString(connectionString) + ";Command Timeout=0");
            builder.UseLoggerFactory(loggers);
            await using var dataSource = builder.Build();
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Scraping:HostDelay"] = "00:00:00",
                ["Scraping:ContactEmail"] = "bench@example.org",
                ["Scraping:AttemptTimeout"] = "00:10:00",
                ["Scraping:TotalTimeout"] = "00:10:00",
                ["Scraping:RetryAttempts"] = "1",
            }).Build();
            await using var services = AppServices.BuildForVerb(configuration, loggers, dataSource, new DefinitionSet([], []));

            var file = Path.Combine(folder, SourceId + ".yml");
            await File.WriteAllTextAsync(file, $"""
                id: {SourceId}
                name: Benchmark Greenhouse board
                jurisdiction: {"{"} name: Benchmark Civic Organization, level: organization, country: US {"}"}
                homepage: https://example.org/careers
                owner: bench
                access: api
                terms: generated for benchmarks
                platform:
                  greenhouse:
                    board: {Board}
                    base_url: {replay.BaseUrlFor("board")}
                """);
            var (definition, errors) = DefinitionLoader.LoadFile(file);
            if (definition is null || errors.Count > 0)
                throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)));
            await services.GetRequiredService<SourceStore>().SyncAsync([definition], CancellationToken.None);
            var jobsBefore = await ScalarAsync(dataSource, "select count(*) from jobs");
            Console.WriteLine(string.Create(c, $"board: {count:N0} postings, {bytes / 1048576.0:0.0} MiB of JSON; {jobsBefore:N0} jobs in the table before"));

            var copy = await CopyAsync(connectionString, definition, services, Path.Combine(folder, "board", "board.json"));
            Console.WriteLine(string.Create(c, $"COPY of the same {count:N0} normalized rows: {copy.TotalSeconds:0.00} s = {count / copy.TotalSeconds:N0} rows/s"));

            var runner = services.GetRequiredService<ScrapeRunner>();
            foreach (var (name, factor) in new[] { ("new source", 0.3), ("unchanged re-scrape", 1.0) })
            {
                statements.Clear();
                var clock = Stopwatch.StartNew();
                var report = await runner.RunAsync(definition, CancellationToken.None);
                var seconds = clock.Elapsed.TotalSeconds;
                var ratio = report.Outcome.IsHealthy() ? count / seconds / (count / copy.TotalSeconds) : 0;
                Console.WriteLine(string.Create(c,
                    $"{name}: {report.Outcome.Name()} seen {report.Seen:N0}, new {report.New:N0}, updated {report.Updated:N0}, closed {report.Closed:N0}; " +
                    $"{seconds:0.00} s = {count / seconds:N0} rows/s = {ratio:0.00} x COPY (goal >= {factor}: {(ratio >= factor ? "met" : "NOT met")})"));
                if (report.Error is not null)
                    Console.WriteLine("  error: " + report.Error);
                foreach (var (sql, ms) in statements.Slowest(5))
                    Console.WriteLine(string.Create(c, $"  {ms,9:0.0} ms  {sql}"));
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Parses and normalizes the board exactly as a run does, then times COPY of those rows alone, in a transaction it rolls back.</summary>
    static async Task<TimeSpan> CopyAsync(string connectionString, SourceDefinition definition, IServiceProvider services, string boardFile)
    {
        var now = DateTimeOffset.UtcNow;
        var adapter = AdapterRegistry.Get(definition.Platform.Name);
        var context = new SourceContext(definition, DefinitionLoader.EffectiveTimeZone(definition), now);
        var request = adapter.Start(context).Single();
        var page = adapter.Parse(context, request, new FetchedContent(request.Url, await File.ReadAllBytesAsync(boardFile), "application/json", "utf-8"));
        var normalizer = services.GetRequiredService<Normalizer>();
        var jobs = page.Postings.Select(p => normalizer.Normalize(definition, p, now)).ToList();

        await using var conn = new NpgsqlConnection(connectionString + ";Command Timeout=0");
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var jurisdiction = await ScalarAsync(conn, $"select jurisdiction_id from sources where id = '{SourceId}'");
        var clock = Stopwatch.StartNew();
        await using (var writer = await conn.BeginBinaryImportAsync($"copy jobs ({JobCopy.Columns}, jurisdiction_id) from stdin (format binary)"))
        {
            foreach (var job in jobs)
            {
                await writer.StartRowAsync();
                await JobCopy.WriteAsync(writer, job, default);
                await writer.WriteAsync(jurisdiction, NpgsqlDbType.Bigint);
            }
            await writer.CompleteAsync();
        }
        var elapsed = clock.Elapsed;
        await tx.RollbackAsync();
        // The rolled-back rows are dead tuples in every index; clear them so the scrapes start from the same table.
        await using (var vacuum = new NpgsqlCommand("vacuum jobs", conn))
            await vacuum.ExecuteNonQueryAsync();
        return elapsed;
    }

    static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await ScalarAsync(conn, sql);
    }

    static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql)
    {
        await using var command = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>A Greenhouse board response (content entity-escaped as Greenhouse sends it) and its replay route; returns its size.</summary>
    static long WriteBoard(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(20261126);
        var path = Path.Combine(folder, "board.json");
        using (var stream = File.Create(path))
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("jobs");
            var offices = new[] { ("Washington, DC", "Washington, District of Columbia, United States"), ("Remote", "United States"),
                ("Oakland, CA", "Oakland, California, United States"), ("New York, NY", "New York, New York, United States"), ("Austin, TX", "Austin, Texas, United States") };
            for (var i = 0; i < count; i++)
            {
                var (category, _, titles) = Vocabulary.Digital[random.Next(Vocabulary.Digital.Length)];
                var title = (random.Next(4) == 0 ? "Senior " : "") + titles[random.Next(titles.Length)] + $", Team {i % 97}";
                var family = Taxonomy.Get(category).Family;
                var office = offices[random.Next(offices.Length)];
                json.WriteStartObject();
                json.WriteNumber("id", 8_000_000 + i);
                json.WriteString("title", title);
                json.WriteString("company_name", "Benchmark Civic Organization");
                json.WriteString("absolute_url", $"https://job-boards.greenhouse.io/{Board}/jobs/{8_000_000 + i}");
                json.WriteStartObject("location");
                json.WriteString("name", random.Next(3) == 0 ? "Remote, US" : office.Item1);
                json.WriteEndObject();
                json.WriteString("updated_at", "2026-10-02T16:20:00-04:00");
                json.WriteString("first_published", DateTimeOffset.UtcNow.AddDays(-random.Next(0, 60)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                json.WriteString("content", WebUtility.HtmlEncode(Description(random, title, family)));
                json.WriteStartArray("departments");
                json.WriteStartObject();
                json.WriteNumber("id", 1);
                json.WriteString("name", family);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartArray("offices");
                json.WriteStartObject();
                json.WriteNumber("id", 2);
                json.WriteString("name", office.Item1);
                json.WriteString("location", office.Item2);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("meta");
            json.WriteNumber("total", count);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        File.WriteAllText(Path.Combine(folder, "replay.yml"), """
            base_url: "{replay}/"
            routes:
              - path: "/v1/boards/bench-board/jobs"
                file: "board.json"
                content_type: "application/json; charset=utf-8"
            """);
        return new FileInfo(path).Length;
    }

    /// <summary>3–10 KB of HTML: role duties, the organization's long benefits and values sections, as real boards carry.</summary>
    static string Description(Random random, string title, string family)
    {
        var html = new StringBuilder(8192);
        html.Append("<h2>About the role</h2><p>We are hiring a ").Append(title).Append(" to help governments deliver services that work for everyone.</p><h2>What you'll do</h2><ul>");
        var duties = Vocabulary.Duties[family];
        for (var d = 0; d < 6; d++)
            html.Append("<li>").Append(duties[random.Next(duties.Length)]).Append("</li>");
        html.Append("</ul><h2>What you bring</h2><ul>");
        for (var q = 0; q < 5; q++)
            html.Append("<li>").Append(Vocabulary.Qualifications[random.Next(Vocabulary.Qualifications.Length)]).Append("</li>");
        html.Append("</ul>");
        var sections = random.Next(2, 9);
        for (var s = 0; s < sections; s++)
            html.Append("<h3>").Append(Vocabulary.Departments[random.Next(Vocabulary.Departments.Length)]).Append("</h3><p>")
                .Append(Vocabulary.Boilerplate[random.Next(2) == 0 ? "org" : "local"]).Append(' ')
                .Append(duties[random.Next(duties.Length)]).Append("</p>");
        html.Append("<p><a href=\"https://example.org/benefits\">Benefits</a> and <a href=\"https://example.org/values\">our values</a>.</p>");
        return html.ToString();
    }

    /// <summary>The duration of every statement Npgsql ran, by its first line.</summary>
    sealed class StatementLog : ILoggerProvider, ILogger
    {
        readonly ConcurrentQueue<(string Sql, double Ms)> entries = new();

        public void Clear() => entries.Clear();

        public IEnumerable<(string Sql, double Ms)> Slowest(int n) =>
            entries.GroupBy(e => e.Sql).Select(g => (g.Key, g.Sum(e => e.Ms))).OrderByDescending(e => e.Item2).Take(n);

        public ILogger CreateLogger(string categoryName) => categoryName == "Npgsql.Command" ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
                return;
            if (fields.FirstOrDefault(f => f.Key == "CommandText").Value is not string sql || fields.FirstOrDefault(f => f.Key == "DurationMs").Value is not { } duration)
                return;
            var line = string.Join(' ', sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            entries.Enqueue((line.Length > 110 ? line[..110] + "…" : line, Convert.ToDouble(duration, CultureInfo.InvariantCulture)));
        }
    }
}
