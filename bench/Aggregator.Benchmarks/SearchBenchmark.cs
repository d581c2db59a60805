using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Aggregator.Database;
using Aggregator.Postings;
using Aggregator.Search;
using Aggregator.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

/// <summary>
/// p50/p95 of typical searches: the SQL the API runs for each (captured from the service's own
/// <see cref="JobSearchStore"/>, re-executed through Npgsql), the same page of results fetched by primary key (the floor
/// any search pays to read its rows), and, given the service's address, the whole request through the HTTP API.
/// The three run interleaved, one of each per round, so the machine's noise falls on all of them alike.
///
/// The SQL is not rewritten here: for each search, the service's own store runs once (mode, facets, page: what
/// <c>SearchApi</c> calls, in that order; a jurisdiction is resolved first by the service's resolver) on a data source
/// whose Npgsql command log is captured, with parameter values (Npgsql logs arrays as text, "[a, b]": those are
/// parsed back). Each captured statement runs on a pooled connection of its own, reading every value of every row.
/// </summary>
static class SearchBenchmark
{
    public static readonly string[] DefaultSearches =
    [
        "q=software engineer",
        "q=cloud&remote=true&salary_min=120000",
        "country=US&posted_within=30&sort=closing",
        "jurisdiction=state-of-california",
        "role=cybersecurity&level=senior",
        "role=data-science&region=US-CA&sort=posted",
    ];

    public static async Task<int> Run(string? baseUrl, string connectionString, int n, int warmup, IReadOnlyList<string> searches)
    {
        DapperSetup.Configure();
        // The connection string as the service would use it (its session settings included).
        var serviceConnection = DatabaseHost.ServiceConnectionString(connectionString);
        var capture = new CommandCapture();
        var captureBuilder = new NpgsqlDataSourceBuilder(serviceConnection);
        captureBuilder.UseLoggerFactory(LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace)));
        captureBuilder.EnableParameterLogging();
        await using var captureSource = captureBuilder.Build();
        await using var db = NpgsqlDataSource.Create(serviceConnection);
        using var http = baseUrl is null ? null : new HttpClient { BaseAddress = new Uri(baseUrl) };
        var c = CultureInfo.InvariantCulture;
        var explain = Environment.GetEnvironmentVariable("SEARCH_EXPLAIN") == "1";

        Console.WriteLine(string.Create(c, $"{n} rounds per search after {warmup} warm-up rounds; each round runs the search's SQL, the same page by primary key{(http is null ? "" : " and the API request")}; times in ms"));
        Console.WriteLine("search | SQL p50 | SQL p95 | by id p50 | by id p95 | p95 SQL/by id | API p50 | API p95 | statements (SQL p50 each) | matches, items");
        var worst = 0.0;
        var explained = new List<string>();
        foreach (var search in searches)
        {
            var (statements, ids) = await CaptureAsync(search, captureSource, capture);
            var byId = new Statement("by id", $"select {JobStore.SelectColumns} from jobs where id = any($1) order by id", [ids]);
            var url = "/api/jobs?" + QueryString(search);
            var summary = http is null ? $"{ids.Length} items" : await SummaryAsync(http, url);

            var sql = new List<double>();
            var pk = new List<double>();
            var api = new List<double>();
            var perStatement = statements.Select(_ => new List<double>()).ToList();
            for (var round = 0; round < warmup + n; round++)
            {
                var measured = round >= warmup;
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < statements.Count; i++)
                {
                    var one = Stopwatch.GetTimestamp();
                    await ExecuteAsync(db, statements[i]);
                    if (measured)
                        perStatement[i].Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
                }
                if (measured)
                    sql.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                start = Stopwatch.GetTimestamp();
                await ExecuteAsync(db, byId);
                if (measured)
                    pk.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (http is null)
                    continue;
                start = Stopwatch.GetTimestamp();
                using (var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead))
                    response.EnsureSuccessStatusCode();
                if (measured)
                    api.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            var ratio = Percentile(sql, 95) / Percentile(pk, 95);
            worst = Math.Max(worst, ratio);
            var each = string.Join(" + ", statements.Select((s, i) => string.Create(c, $"{s.Name} {Percentile(perStatement[i], 50):0.00}")));
            var apiText = http is null ? "- | -" : string.Create(c, $"{Percentile(api, 50):0.00} | {Percentile(api, 95):0.00}");
            Console.WriteLine(string.Create(c,
                $"{search} | {Percentile(sql, 50):0.00} | {Percentile(sql, 95):0.00} | {Percentile(pk, 50):0.00} | {Percentile(pk, 95):0.00} | {ratio:0.0} | {apiText} | {each} | {summary}"));
            if (explain)
                foreach (var s in statements.Append(byId))
                    explained.Add($"-- {search}: {s.Name}\n{s.Sql}\n-- parameters: {string.Join(", ", s.Parameters.Select(Show))}\n{await ExplainAsync(db, s)}\n");
        }
        Console.WriteLine(string.Create(c, $"worst p95 SQL / p95 by id: {worst:0.0} (goal <= 10: {(worst <= 10 ? "met" : "NOT met")})"));
        foreach (var text in explained)
            Console.WriteLine(text);
        return 0;
    }

    /// <summary>The jurisdiction list listens for job changes; here nothing changes, so nothing is ever published.</summary>
    static JobsChanges Changes(NpgsqlDataSource source) => new(source,
        new ServiceCollection().AddOptions().AddOutputCache().BuildServiceProvider().GetRequiredService<IOutputCacheStore>(), NullLogger<JobsChanges>.Instance);

    sealed record Statement(string Name, string Sql, IReadOnlyList<object?> Parameters);

    /// <summary>Runs the store's own queries for this search once; returns the statements Npgsql sent and the ids of the page.</summary>
    static async Task<(List<Statement>, long[])> CaptureAsync(string search, NpgsqlDataSource source, CommandCapture capture)
    {
        var query = new QueryCollection(QueryHelpers.ParseQuery(QueryString(search)));
        var (parsed, errors) = JobQueryParser.Parse(query, JobQueryRules.Api);
        if (parsed is null)
            throw new InvalidOperationException($"{search}: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        // Jurisdiction slugs become ids as the service resolves them, before the search's own statements.
        var sources = new SourceStore(source);
        var (resolved, problems, _) = await new JobQueryResolver(sources, new JurisdictionDirectory(sources, Options.Create(new FeedsOptions()), TimeProvider.System, Changes(source)))
            .ResolveAsync(parsed, query["cursor"], CancellationToken.None);
        if (resolved is null)
            throw new InvalidOperationException($"{search}: {string.Join("; ", problems.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        var store = new JobSearchStore(new ReadDataSource(source), TimeProvider.System);
        var statements = new List<Statement>();
        async Task Step(string name, Func<Task> run)
        {
            capture.Commands.Clear();
            await run();
            statements.AddRange(capture.Commands.Select(cmd => new Statement(name, cmd.Sql, cmd.Parameters)));
        }
        var mode = SearchMode.None;
        JobPage? page = null;
        await Step("mode", async () => mode = await store.ModeAsync(resolved, CancellationToken.None));
        await Step("facets", () => store.FacetsAsync(resolved, mode, CancellationToken.None));
        await Step("page", async () => page = await store.PageAsync(resolved, mode, CancellationToken.None));
        return (statements, [.. page!.Items.Select(j => j.Id)]);
    }

    static async Task ExecuteAsync(NpgsqlDataSource db, Statement statement)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var cmd = Command(conn, statement.Sql, statement.Parameters);
        await using var reader = await cmd.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
            reader.GetValues(values);
    }

    static async Task<string> ExplainAsync(NpgsqlDataSource db, Statement statement)
    {
        await using var conn = await db.OpenConnectionAsync();
        var sql = statement.Sql.StartsWith("explain", StringComparison.Ordinal) ? statement.Sql[(statement.Sql.IndexOf(')', StringComparison.Ordinal) + 1)..] : statement.Sql;
        await using var cmd = Command(conn, "explain (analyze, buffers) " + sql, statement.Parameters);
        await using var reader = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }

    static NpgsqlCommand Command(NpgsqlConnection conn, string sql, IReadOnlyList<object?> parameters)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var value in parameters)
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return cmd;
    }

    static async Task<string> SummaryAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {text}");
        using var json = System.Text.Json.JsonDocument.Parse(text);
        var root = json.RootElement;
        var exact = root.GetProperty("facets").TryGetProperty("exact", out var e) && !e.GetBoolean() ? "~" : "";
        return $"{exact}{root.GetProperty("total").GetInt32()} matches ({root.GetProperty("match").GetString()}), {root.GetProperty("items").GetArrayLength()} items";
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
            // The log renders an array value as "[a, b]". The search's arrays are the text[] of "= any($n)" and "&& $n",
            // and the bigint[] of several jurisdictions: turn those back into arrays.
            for (var i = 0; i < parameters.Count; i++)
            {
                if (parameters[i] is not string text || !text.StartsWith('[') || !text.EndsWith(']'))
                    continue;
                var items = text[1..^1].Split(", ", StringSplitOptions.RemoveEmptyEntries);
                if (sql.Contains($"jurisdiction_id = any(${i + 1})", StringComparison.Ordinal))
                    parameters[i] = items.Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                else if (sql.Contains($"any(${i + 1})", StringComparison.Ordinal) || sql.Contains($"&& ${i + 1}", StringComparison.Ordinal))
                    parameters[i] = items;
            }
            Commands.Enqueue((sql, parameters));
        }
    }
}
