using System.Diagnostics;
using System.Globalization;
using Aggregator.Normalization;

// Plain Stopwatch loops: the question is "is it comfortably above 100,000 titles/s on one core", not nanosecond precision.
switch (args)
{
    case ["classify", ..]:
        return ClassifyBenchmark.Run(args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "eval.tsv"));
    case ["generate", var count, var connection, ..]:
        return await JobGenerator.Run(connection, int.Parse(count, CultureInfo.InvariantCulture),
            args is [_, _, _, "--seed", var seed] ? int.Parse(seed, CultureInfo.InvariantCulture) : 20261124);
    case ["search", var baseUrl, var connection, ..]:
        return await SearchBenchmark.Run(baseUrl == "-" ? null : baseUrl, connection,
            n: int.Parse(Environment.GetEnvironmentVariable("SEARCH_N") ?? "200", CultureInfo.InvariantCulture),
            warmup: int.Parse(Environment.GetEnvironmentVariable("SEARCH_WARMUP") ?? "20", CultureInfo.InvariantCulture),
            searches: args.Length > 3 ? args[3..] : SearchBenchmark.DefaultSearches);
    case ["fleet-urls", var connection, var count, var output]:
        return await FleetBenchmark.Urls(connection, int.Parse(count, CultureInfo.InvariantCulture), output);
    case ["fleet-prime", var baseUrl, var paths, var folder, ..]:
        return await FleetBenchmark.Prime(baseUrl, paths, folder, args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4);
    case ["fleet-check", var baseUrl, var connection, var folder]:
        return await FleetBenchmark.Check(baseUrl, connection, folder);
    case ["kestrel-floor", var url, var feedsTsv, var files]:
        return await KestrelFloor.Serve(url, feedsTsv, files);
    case ["ingest", var connection, ..]:
        return await IngestBenchmark.Run(connection, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20_000);
    case ["evaluate", var path]:
        return ClassifyCommand.Evaluate(path, Console.Out);
    default:
        Console.Error.WriteLine("usage: Aggregator.Benchmarks classify [eval.tsv] | evaluate <eval.tsv> | fleet-urls <connection-string> <count> <file> | fleet-prime <base-url> <paths-file> <folder> [concurrency] | fleet-check <base-url> <connection-string> <folder> | generate <count> <connection-string> [--seed N] | ingest <connection-string> [postings] | kestrel-floor <url> <feeds.tsv> <files-folder> | search <base-url|-> <connection-string> [query-string...]");
        return 2;
}

static class ClassifyBenchmark
{
    const int Titles = 100_000;
    static readonly string[] Prefixes = ["", "Senior ", "Lead ", "Supervisory ", "18F - ", "Login.gov: ", "Principal "];
    static readonly string[] Suffixes = ["", " II", " III", " 2", " - HEO - 12345", " (SEO)", ", GS-2210-13", " (Recent Graduate)"];

    public static int Run(string evalPath)
    {
        var rows = ClassifyCommand.ReadLabeled(evalPath);
        var inputs = new RoleInput[Titles];
        for (var i = 0; i < Titles; i++)
        {
            var row = rows[i % rows.Count];
            // Variations so the loop is not 300 titles on repeat: team prefixes, UK grades, level numbers.
            var title = Prefixes[i / rows.Count % Prefixes.Length] + row.Title + Suffixes[i / (rows.Count * Prefixes.Length) % Suffixes.Length];
            inputs[i] = new RoleInput(title, row.SeriesCodes);
        }

        var classifier = new RoleClassifier();
        var digital = 0;
        for (var i = 0; i < Titles; i++)
            digital += classifier.Classify(inputs[i]).IsDigital ? 1 : 0;

        var best = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Titles; i++)
                digital += classifier.Classify(inputs[i]).IsDigital ? 1 : 0;
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"classified {Titles:N0} titles ({rows.Count} eval titles with variations) on one thread"));
        Console.WriteLine(string.Create(c, $"best of 5 rounds: {best * 1000:0.0} ms = {Titles / best:N0} titles/s ({digital / 6 * 100 / Titles}% digital)"));
        return 0;
    }
}
