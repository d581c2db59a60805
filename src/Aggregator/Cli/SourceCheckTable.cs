using System.Globalization;
using Aggregator.Scraping;

namespace Aggregator.Cli;

/// <summary>The table <c>sources check</c> prints: one line per source, then what looks wrong with each unhealthy one.</summary>
public static class SourceCheckTable
{
    public static void Write(IReadOnlyList<SourceCheckResult> results, TextWriter output)
    {
        output.WriteLine($"{"id",-44} {"platform",-15} {"result",-9} {"http",-5} {"robots",-10} {"items",6} {"total",7}  first title");
        foreach (var r in results)
        {
            var robots = r.RobotsAllowed switch { true => "allowed", false => "disallowed", null => "-" };
            output.WriteLine($"{r.Id,-44} {r.Platform,-15} {(r.Healthy ? "ok" : "UNHEALTHY"),-9} {Number(r.HttpStatus),-5} {robots,-10} {Number(r.Items),6} {Number(r.AnnouncedTotal),7}  {(r.FirstTitles.Count > 0 ? r.FirstTitles[0] : "")}");
            foreach (var problem in r.Problems)
                output.WriteLine($"    {problem.Kind}: {problem.Message}");
        }
        output.WriteLine($"{results.Count} checked, {results.Count(r => r.Healthy)} healthy, {results.Count(r => !r.Healthy)} unhealthy");
    }

    static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
