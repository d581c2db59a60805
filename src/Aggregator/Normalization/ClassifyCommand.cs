using System.Globalization;

namespace Aggregator.Normalization;

/// <summary>
/// The <c>classify</c> command's work, kept apart from argument parsing so it can be tested with strings.
/// Input rows are a bare title, or <c>title&lt;TAB&gt;series&lt;TAB&gt;description</c> (series may hold several codes split by ';' or ',').
/// Every input line gives exactly one output row, in order, so output can be pasted beside input; an empty line gives an
/// empty title classified as not-digital rather than being skipped.
/// </summary>
public static class ClassifyCommand
{
    public const string Header = "title\tcategory\tis_digital\tfamily";
    const string EvaluationHeader = "title\tseries\tcategory";
    static readonly char[] SeriesSeparators = [';', ','];

    public static int Run(TextReader input, TextWriter output, RoleClassifier? classifier = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        classifier ??= RoleClassifier.Shared;
        output.Write(Header);
        output.Write('\n');
        while (input.ReadLine() is { } line)
        {
            var fields = line.Split('\t');
            var title = fields[0].Trim();
            var series = fields.Length > 1 ? SplitSeries(fields[1]) : [];
            var description = fields.Length > 2 ? string.Join(' ', fields[2..]) : null;
            var result = classifier.Classify(new RoleInput(title, series, Description: description));
            output.Write(Clean(title));
            output.Write('\t');
            output.Write(result.Category);
            output.Write('\t');
            output.Write(result.IsDigital ? "true" : "false");
            output.Write('\t');
            output.Write(result.Family);
            output.Write('\n');
        }
        return 0;
    }

    /// <summary>
    /// Prints the evaluation report for a labelled TSV; 0 when the targets are met (on its test split when it has one),
    /// 1 when not, 2 when the file is unusable. <paramref name="split"/> keeps only the rows of that split.
    /// </summary>
    public static int Evaluate(string tsvPath, TextWriter output, RoleClassifier? classifier = null, string? split = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        IReadOnlyList<LabeledTitle> rows;
        try
        {
            rows = ReadLabeled(tsvPath);
        }
        catch (FormatException e)
        {
            output.WriteLine(e.Message);
            return 2;
        }
        catch (IOException e)
        {
            output.WriteLine($"{tsvPath}: cannot read: {e.Message}");
            return 2;
        }
        catch (UnauthorizedAccessException e)
        {
            output.WriteLine($"{tsvPath}: cannot read: {e.Message}");
            return 2;
        }
        if (split is not null)
        {
            rows = [.. rows.Where(r => r.Split == split)];
            if (rows.Count == 0)
            {
                output.WriteLine($"{tsvPath}: no rows in split '{split}'");
                return 2;
            }
        }
        var result = ClassifierEvaluation.Evaluate(rows, classifier);
        ClassifierEvaluation.WriteReport(result, output);
        return result.MeetsTargets ? 0 : 1;
    }

    /// <summary>
    /// Reads a labelled TSV. The header is <c>title&lt;TAB&gt;series&lt;TAB&gt;category</c>, optionally followed by any of
    /// <c>categories</c>, <c>organization</c>, <c>context</c>, <c>description</c>, <c>source</c>, <c>level</c>, <c>split</c>
    /// (tests/Aggregator.Tests/Fixtures/classifier/README.md). Series and categories hold several values split by ';'.
    /// Blank lines and lines starting with '#' are skipped.
    /// </summary>
    /// <exception cref="FormatException">With the file name and line number of the first bad row.</exception>
    public static IReadOnlyList<LabeledTitle> ReadLabeled(string tsvPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(tsvPath);
        var rows = new List<LabeledTitle>();
        using var reader = new StreamReader(tsvPath);
        var number = 0;
        string[]? columns = null;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            line = line.TrimEnd('\r');
            if (columns is null)
            {
                columns = line.Split('\t');
                if (columns.Length < 3 || columns[0] != "title" || columns[1] != "series" || columns[2] != "category")
                    throw Bad(tsvPath, number, $"expected the header '{EvaluationHeader.Replace("\t", "<TAB>", StringComparison.Ordinal)}' (optionally followed by {string.Join(", ", OptionalColumns)})");
                foreach (var extra in columns.Skip(3))
                    if (!OptionalColumns.Contains(extra) || columns.Count(c => c == extra) > 1)
                        throw Bad(tsvPath, number, $"unknown or repeated column '{extra}'; optional columns are {string.Join(", ", OptionalColumns)}");
                continue;
            }
            var fields = line.Split('\t');
            if (fields.Length != columns.Length)
                throw Bad(tsvPath, number, columns.Length == 3
                    ? $"expected 3 tab-separated fields (title, series, category), found {fields.Length}"
                    : $"expected {columns.Length} tab-separated fields ({string.Join(", ", columns)}), found {fields.Length}");
            var title = fields[0].Trim();
            var category = fields[2].Trim();
            if (title.Length == 0)
                throw Bad(tsvPath, number, "the title is empty");
            if (!Taxonomy.IsKnown(category))
                throw Bad(tsvPath, number, $"unknown category '{category}'");
            string? Field(string name) => Array.IndexOf(columns, name) is var i and >= 0 && fields[i].Trim() is { Length: > 0 } value ? value : null;
            var context = Field("context");
            if (context is not null && !Sources.OrganizationContext.All.Contains(context))
                throw Bad(tsvPath, number, $"unknown context '{context}'; known: {string.Join(", ", Sources.OrganizationContext.All)}");
            var categories = Field("categories");
            rows.Add(new LabeledTitle(title, SplitSeries(fields[1]), category, number,
                categories is null ? null : categories.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Field("organization"), context, Field("description"), Field("source"), Field("level"), Field("split")));
        }
        if (columns is null)
            throw Bad(tsvPath, number, "the file is empty (no header)");
        return rows;
    }

    static readonly string[] OptionalColumns = ["categories", "organization", "context", "description", "source", "level", "split"];

    static FormatException Bad(string path, int line, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: {message}"));

    static string[] SplitSeries(string field) =>
        field.Split(SeriesSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Tabs, line breaks and other control characters (vertical tab, NEL, U+2028) inside a field would break the TSV or
    /// the next reader's line splitting; they become spaces.
    /// </summary>
    static string Clean(string value)
    {
        if (!value.AsSpan().ContainsAny(Unsafe))
            return value;
        return string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = Unsafe.Contains(source[i]) ? ' ' : source[i];
        });
    }

    static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 32).Select(c => (char)c), '\u007f', '\u0085', '\u2028', '\u2029']);
}
