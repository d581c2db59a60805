using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Aggregator.Database;
using Aggregator.Postings;
using Aggregator.Search;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Npgsql;

/// <summary>
/// p50/p95 of typical searches through the HTTP API (<c>/api/jobs?…</c>) against the bare SQL the API runs
/// for the same search, executed through Npgsql directly.
///
/// The SQL is not rewritten here: for each search, the service's own <see cref="JobSearchStore"/> runs once
/// (mode, facets, page: what <c>SearchApi</c> calls, in that order) on a data source whose Npgsql command log is
/// captured, with parameter values (Npgsql logs arrays as text, "[a, b]": those are parsed back to text[]).
/// The captured statements, with the driver's $n parameters and the same values, are what the SQL loop re-executes; each statement on a pooled connection of its own, reading every
/// value of every row, as the API does minus Dapper's mapping, the C# models and JSON.
/// </summary>
static class SearchBenchmark
{
    public static readonly string[] DefaultSearches =
    [
        "q=software engineer",
        "role=data-science&region=US-CA&sort=posted",
        "q=cloud&remote=true&salary_min=120000",
    ];

    public static async Task<int> Run(string baseUrl, string connectionString, int n, int warmup, IReadOnlyList<string> searches)
    {
        // The connection string as the service would use it (its session settings included).
        var serviceConnection = DatabaseHost.ServiceConnectionString(connectionString);
        var capture = new CommandCapture();
        var captureBuilder = new NpgsqlDataSourceBuilder(serviceConnection);
        captureBuilder.UseLoggerFactory(LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace)));
        captureBuilder.EnableParameterLogging();
        await using var captureSource = captureBuilder.Build();
        await using var db = NpgsqlDataSource.Create(serviceConnection);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var c = CultureInfo.InvariantCulture;

        Console.WriteLine(string.Create(c, $"{n} sequential requests per search after {warmup} warm-up requests; times in ms"));
        Console.WriteLine("search | API p50 | API p95 | SQL p50 | SQL p95 | p95 API/SQL | statements (SQL p50 each) | total, items");
        var worst = 0.0;
        foreach (var search in searches)
        {
            var statements = await CaptureAsync(search, captureSource, capture);
            var url = "/api/jobs?" + QueryString(search);

            // Check the answer once: a 200 with results, not an error that would be fast for the wrong reason.
            using (var check = await http.GetAsync(url))
            {
                var text = await check.Content.ReadAsStringAsync();
                if (!check.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{url}: {(int)check.StatusCode} {text}");
            }
            var summary = await SummaryAsync(http, url);

            var api = await TimeAsync(n, warmup, async () =>
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                response.EnsureSuccessStatusCode();
            });
            var perStatement = statements.Select(_ => new List<double>()).ToList();
            var sql = await TimeAsync(n, warmup, async () =>
            {
                for (var i = 0; i < statements.Count; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    await ExecuteAsync(db, statements[i]);
                    perStatement[i].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            });
            var ratio = Percentile(api, 95) / Percentile(sql, 95);
            worst = Math.Max(worst, ratio);
            var each = string.Join(" + ", statements.Select((s, i) => string.Create(c, $"{s.Name} {Percentile(perStatement[i].Skip(warmup).ToList(), 50):0.00}")));
            Console.WriteLine(string.Create(c,
                $"{search} | {Percentile(api, 50):0.00} | {Percentile(api, 95):0.00} | {Percentile(sql, 50):0.00} | {Percentile(sql, 95):0.00} | {ratio:0.00} | {each} | {summary}"));
        }
        Console.WriteLine(string.Create(c, $"worst p95 API/SQL: {worst:0.00} (goal <= 2: {(worst <= 2 ? "met" : "NOT met")})"));
        if (Environment.GetEnvironmentVariable("SEARCH_SHOW_SQL") == "1")
            foreach (var search in searches)
                foreach (var s in await CaptureAsync(search, captureSource, capture))
                    Console.WriteLine($"-- {search}: {s.Name}\n{s.Sql}\n-- parameters: {string.Join(", ", s.Parameters.Select(Show))}\n");
        return 0;
    }

    sealed record Statement(string Name, string Sql, IReadOnlyList<object?> Parameters);

    /// <summary>Runs the store's own queries for this search once and returns the statements Npgsql sent.</summary>
    static async Task<List<Statement>> CaptureAsync(string search, NpgsqlDataSource source, CommandCapture capture)
    {
        var (parsed, errors) = JobQueryParser.Parse(new QueryCollection(QueryHelpers.ParseQuery(QueryString(search))), JobQueryRules.Api);
        if (parsed is null)
            throw new InvalidOperationException($"{search}: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        if (parsed.Jurisdictions.Count > 0 || parsed.Sources.Count > 0)
            throw new InvalidOperationException("jurisdiction and source filters also query sources first; not captured here");
        var store = new JobSearchStore(new ReadDataSource(source), TimeProvider.System);
        var statements = new List<Statement>();
        async Task Step(string name, Func<Task> run)
        {
            capture.Commands.Clear();
            await run();
            statements.AddRange(capture.Commands.Select(cmd => new Statement(name, cmd.Sql, cmd.Parameters)));
        }
        var mode = SearchMode.None;
        await Step("mode", async () => mode = await store.ModeAsync(parsed, CancellationToken.None));
        await Step("facets", () => store.FacetsAsync(parsed, mode, CancellationToken.None));
        await Step("page", () => store.PageAsync(parsed, mode, CancellationToken.None));
        return statements;
    }

    static async Task ExecuteAsync(NpgsqlDataSource db, Statement statement)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(statement.Sql, conn);
        foreach (var value in statement.Parameters)
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        await using var reader = await cmd.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
            reader.GetValues(values);
    }

    static async Task<string> SummaryAsync(HttpClient http, string url)
    {
        using var json = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(url));
        return $"{json.RootElement.GetProperty("total").GetInt32()} matches ({json.RootElement.GetProperty("match").GetString()}), {json.RootElement.GetProperty("items").GetArrayLength()} items";
    }

    static async Task<List<double>> TimeAsync(int n, int warmup, Func<Task> run)
    {
        for (var i = 0; i < warmup; i++)
            await run();
        var times = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times;
    }

    /// <summary>Nearest-rank percentile.</summary>
    static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    static string QueryString(string search) =>
        string.Join('&', search.Split('&').Select(pair => pair.Split('=', 2) is [var k, var v] ? $"{Uri.EscapeDataString(k)}={Uri.EscapeDataString(v)}" : pair));

    static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        Array a => "{" + string.Join(",", a.Cast<object?>().Select(Show)) + "}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Keeps the command text and parameter values of Npgsql's "command execution completed" log events.</summary>
    sealed class CommandCapture : ILoggerProvider, ILogger
    {
        public readonly ConcurrentQueue<(string Sql, IReadOnlyList<object?> Parameters)> Commands = new();

        public ILogger CreateLogger(string categoryName) => categoryName == "Npgsql.Command" ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
                return;
            var sql = fields.FirstOrDefault(f => f.Key == "CommandText").Value as string;
            if (sql is null || !fields.Any(f => f.Key == "DurationMs"))
                return;
            var parameters = fields.FirstOrDefault(f => f.Key == "Parameters").Value switch
            {
                IEnumerable<object?> list => list.ToList(),
                _ => [],
            };
            // The log renders an array value as "[a, b]". Every array the search SQL takes is text[] used as
            // "= any($n)" (jurisdiction ids, the one bigint[], are refused above): turn those back into string[].
            for (var i = 0; i < parameters.Count; i++)
                if (parameters[i] is string text && sql.Contains($"any(${i + 1})", StringComparison.Ordinal) && text.StartsWith('[') && text.EndsWith(']'))
                    parameters[i] = text[1..^1].Split(", ", StringSplitOptions.RemoveEmptyEntries);
            Commands.Enqueue((sql, parameters));
        }
    }
}
