using System.Text.RegularExpressions;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Architecture;

/// <summary>
/// Holds the source tree to the folder map in docs/folders.md: every folder imports only what its row lists,
/// so no two folders import each other and the map stays true.
/// </summary>
public sealed partial class FolderDependencyTests
{
    static readonly string Root = Repository.Root;
    static readonly string Source = Path.Combine(Root, "src", "Aggregator");

    /// <summary>Folder → the folders it may import, from the table in docs/folders.md.</summary>
    static Dictionary<string, HashSet<string>> Map()
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (Match row in TableRow().Matches(File.ReadAllText(Path.Combine(Root, "docs", "folders.md"))))
        {
            var folder = row.Groups["folder"].Value;
            var allowed = row.Groups["imports"].Value.Trim() == "everything above"
                ? [.. map.Keys]
                : Backticked().Matches(row.Groups["imports"].Value).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            map[folder] = allowed;
        }
        return map;
    }

    /// <summary>The folders a file refers to: its usings, and namespace-qualified names in its code.</summary>
    static IEnumerable<string> References(string file, HashSet<string> folders)
    {
        var text = File.ReadAllText(file);
        foreach (Match m in UsingAggregator().Matches(text))
            yield return m.Groups[1].Value;
        foreach (Match m in QualifiedAggregator().Matches(text))
            yield return m.Groups[1].Value;
        foreach (Match m in RelativeQualified().Matches(LineComment().Replace(text, "")))
            if (folders.Contains(m.Groups[1].Value))
                yield return m.Groups[1].Value;
    }

    [Fact]
    public void EveryFolderOfTheSourceTreeIsOnTheMap()
    {
        var folders = Directory.GetDirectories(Source).Select(d => Path.GetFileName(d)!).Where(f => f is not ("bin" or "obj" or "Properties")).Order().ToList();

        Assert.Equal(folders, Map().Keys.Order().ToList());
    }

    [Fact]
    public void EveryFolderImportsOnlyWhatTheMapAllows()
    {
        var map = Map();
        var folders = map.Keys.ToHashSet(StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var (folder, allowed) in map)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories))
                foreach (var used in References(file, folders).Distinct())
                    if (used != folder && !allowed.Contains(used))
                        violations.Add($"{Path.GetRelativePath(Source, file)} imports {used}, which docs/folders.md does not allow for {folder}");
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void NoTwoFoldersImportEachOther()
    {
        var map = Map();
        var cycles = map.SelectMany(a => a.Value.Where(b => map.TryGetValue(b, out var back) && back.Contains(a.Key)).Select(b => $"{a.Key} ⇄ {b}")).ToList();

        Assert.Empty(cycles);
    }

    [GeneratedRegex(@"^\| `(?<folder>[A-Za-z]+)` \|[^|\n]*\|(?<imports>[^|\n]*)\|\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex("`([A-Za-z]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?(?:\w+\s*=\s*)?Aggregator\.([A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex UsingAggregator();

    [GeneratedRegex(@"(?<![\w.])Aggregator\.([A-Z]\w*)\.")]
    private static partial Regex QualifiedAggregator();

    [GeneratedRegex(@"(?<![\w.""])([A-Z]\w*)\.[A-Z]\w*")]
    private static partial Regex RelativeQualified();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();
}
