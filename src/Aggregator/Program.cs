using System.CommandLine;
using Aggregator.Cli;
using Aggregator.Config;
using Aggregator.Demo;

var root = new RootCommand("Aggregator: government digital jobs, collected from career sites and republished as feeds and an API.");

var noApi = new Option<bool>("--no-api") { Description = "Run the scheduler only (no public HTTP)." };
var noScheduler = new Option<bool>("--no-scheduler") { Description = "Serve the API and feeds without scraping." };
var serve = new Command("serve", "Serve feeds and the API, and scrape every source on its schedule.") { noApi, noScheduler };
serve.SetAction((r, ct) => Verbs.Serve(!r.GetValue(noApi), !r.GetValue(noScheduler), ct));

var migrate = new Command("migrate", "Apply pending database migrations and exit.");
migrate.SetAction((_, ct) => Verbs.Migrate(ct));

var sources = new Command("sources", "List and validate the definitions in scrapers/ (exit code 1 when any is refused).");
sources.SetAction(_ => Verbs.Sources(Console.Out, Console.Error));
var checkTargets = new Argument<string[]>("source") { Description = "Source ids or glob patterns (us-ca-*); none: every enabled source.", Arity = ArgumentArity.ZeroOrMore };
var checkJson = new Option<bool>("--json") { Description = "Print the report as JSON." };
var check = new Command("check", "Fetch robots.txt and the first page of each enabled source (or those named) politely, and report what looks wrong (exit code 1 when any source is unhealthy).") { checkTargets, checkJson };
check.SetAction((r, ct) => Verbs.SourcesCheck(r.GetValue(checkTargets) ?? [], r.GetValue(checkJson), Console.Out, Console.Error, ct));
sources.Subcommands.Add(check);

var target = new Argument<string?>("source") { Description = "A source id, or with --dry-run a definition file.", Arity = ArgumentArity.ZeroOrOne };
var all = new Option<bool>("--all") { Description = "Scrape every enabled source." };
var dryRun = new Option<bool>("--dry-run") { Description = "Print what the definition extracts; write nothing (no database needed)." };
var scrape = new Command("scrape", "Scrape one source now (or all) and print what it did.") { target, all, dryRun };
scrape.SetAction((r, ct) => Verbs.Scrape(r.GetValue(target), r.GetValue(all), r.GetValue(dryRun), ct));

var evaluate = new Option<string?>("--evaluate") { Description = "Score the classifier on a labeled TSV (title, series, category, …) and print precision, recall, F1 and accuracy, per split and level." };
var split = new Option<string?>("--split") { Description = "With --evaluate: score only the rows of this split (train, dev or test)." };
var reclassify = new Option<bool>("--reclassify") { Description = "Re-run the classifier over every stored job and record each category change (database needed)." };
var classify = new Command("classify", "Classify job titles read from stdin (one per line, or title<TAB>series<TAB>description) into TSV on stdout.") { evaluate, split, reclassify };
classify.SetAction(async (r, ct) => r.GetValue(reclassify) ? await Verbs.Reclassify(ct)
    : r.GetValue(evaluate) is { } file ? Aggregator.Normalization.ClassifyCommand.Evaluate(file, Console.Out, split: r.GetValue(split))
    : Aggregator.Normalization.ClassifyCommand.Run(Console.In, Console.Out));

var exportOut = new Option<string>("--out") { Description = "The folder to write into (created if missing).", Required = true };
var exportYear = new Option<int?>("--year") { Description = "Only the jobs posted that year (UTC, by posting date)." };
var exportFilter = new Option<string?>("--filter") { Description = "Job query parameters as in the API, e.g. 'role=data-engineering&region=US-MD' (default: every job)." };
var exportFormat = new Option<string>("--format") { Description = "parquet, csv or both.", DefaultValueFactory = _ => "both" };
var export = new Command("export", "Write jobs, locations, changes and sources as Parquet and/or CSV, with manifest.json (row counts, checksums).") { exportOut, exportYear, exportFilter, exportFormat };
export.SetAction((r, ct) => Verbs.Export(r.GetValue(exportOut)!, r.GetValue(exportYear), r.GetValue(exportFilter), r.GetValue(exportFormat)!, ct));

var port = new Option<int>("--port") { Description = "Port to serve the demo on.", DefaultValueFactory = _ => 8080 };
var demo = new Command("demo", "Scrape the bundled sample responses offline into an embedded database and serve them.") { port };
demo.SetAction((r, ct) => DemoVerb.Run(r.GetValue(port), ct));

root.Subcommands.Add(serve);
root.Subcommands.Add(migrate);
root.Subcommands.Add(sources);
root.Subcommands.Add(scrape);
root.Subcommands.Add(export);
root.Subcommands.Add(classify);
root.Subcommands.Add(demo);

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OperationCanceledException)
{
    return 130;
}
catch (Exception e)
{
    // A bad setting stops the process with the key to fix, not a stack trace. 78 is sysexits' EX_CONFIG.
    if (SettingsRegistration.Describe(e) is { } problem)
    {
        Console.Error.WriteLine(problem);
        return 78;
    }
    Console.Error.WriteLine($"Unhandled exception: {e}");
    return 1;
}
