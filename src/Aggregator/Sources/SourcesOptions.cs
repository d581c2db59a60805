using System.Text.RegularExpressions;
using Aggregator.Config;
using Microsoft.Extensions.Options;

namespace Aggregator.Sources;

/// <summary>
/// Section <c>Sources</c>: where definitions are read, and which shipped sources this deployment switches on or off
/// without editing their files.
/// </summary>
public sealed partial class SourcesOptions : ISettings
{
    public static string Section => "Sources";

    /// <summary>The definitions folder; empty: <c>./scrapers</c>, else the copy beside the binary.</summary>
    public string? Directory { get; set; }

    /// <summary>Source ids or glob patterns (<c>*</c>, <c>?</c>), separated by <c>;</c> or <c>,</c>: switched on here even when their file says <c>enabled: false</c>.</summary>
    public string Enable { get; set; } = "";

    /// <summary>Ids or patterns switched off here. A source both lists name stays off: switching off is the safe way to be wrong.</summary>
    public string Disable { get; set; } = "";

    public IEnumerable<(string Property, string Problem)> Check()
    {
        foreach (var (property, list) in new[] { (nameof(Enable), Enable), (nameof(Disable), Disable) })
            foreach (var entry in Entries(list))
                if (!PatternShape().IsMatch(entry))
                    yield return (property, $"'{entry}' is not a source id or pattern: lowercase letters, digits, '-', and the wildcards '*' and '?'");
    }

    public static IEnumerable<string> Entries(string? list) =>
        (list ?? "").Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether <paramref name="id"/> matches a glob <paramref name="pattern"/> (<c>*</c> any run, <c>?</c> one character).</summary>
    public static bool Matches(string pattern, string id) =>
        Regex.IsMatch(id, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// Sets each definition's <see cref="SourceDefinition.Enabled"/> as this deployment says and records why in
    /// <see cref="SourceDefinition.SwitchedBy"/>. An entry that names no valid definition is a configuration error:
    /// a mistyped id in <c>Disable</c> would otherwise leave running the source the operator meant to stop.
    /// </summary>
    /// <exception cref="OptionsValidationException">An entry matches no definition.</exception>
    public void Apply(IReadOnlyList<SourceDefinition> definitions)
    {
        var failures = new List<string>();
        foreach (var (property, list, enabled) in new[] { (nameof(Enable), Enable, true), (nameof(Disable), Disable, false) })
        {
            foreach (var entry in Entries(list))
            {
                var matched = definitions.Where(d => Matches(entry, d.Id)).ToList();
                if (matched.Count == 0)
                    failures.Add($"{Section}:{property} (environment variable {Section}__{property}): '{entry}' names no valid definition; the `sources` verb lists the ids");
                foreach (var definition in matched)
                {
                    // Disable is applied after Enable, so it wins where both match.
                    definition.Enabled = enabled;
                    definition.SwitchedBy = $"{Section}:{property} '{entry}'";
                }
            }
        }
        if (failures.Count > 0)
            throw new OptionsValidationException(Options.DefaultName, typeof(SourcesOptions), failures);
    }

    [GeneratedRegex("^[a-z0-9*?]+(-[a-z0-9*?]*)*$|^\\*$", RegexOptions.CultureInvariant)]
    private static partial Regex PatternShape();
}
