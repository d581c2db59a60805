using Aggregator.Normalization;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Normalization;

public sealed class ClassifyCommandTests : IDisposable
{
    readonly string directory = TestRun.Scratch("classify");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    static string[] Run(string input)
    {
        var output = new StringWriter();
        Assert.Equal(0, ClassifyCommand.Run(new StringReader(input), output));
        return output.ToString().Split('\n')[..^1];
    }

    [Fact]
    public void WritesHeaderThenOneRowPerLineInOrder()
    {
        var lines = Run("Senior Software Engineer\nCivil Engineer\nIT Specialist (INFOSEC)\n");
        Assert.Equal(ClassifyCommand.Header, lines[0]);
        Assert.Equal("title\tcategory\tis_digital\tfamily", lines[0]);
        Assert.Equal("Senior Software Engineer\tsoftware-engineering\ttrue\tengineering", lines[1]);
        Assert.Equal("Civil Engineer\tnot-digital\tfalse\t", lines[2]);
        Assert.Equal("IT Specialist (INFOSEC)\tcybersecurity\ttrue\tsecurity", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void ReadsSeriesAndDescriptionColumns()
    {
        var lines = Run("Systems Engineer\t2200;2210\nTeam Member\t1550\nTeam Member\t\tA software engineer role; software engineers ship daily.\nTeam Member\t0301, 1560\n");
        Assert.Equal("Systems Engineer\tinfrastructure-operations\ttrue\tit-operations", lines[1]);
        Assert.Equal("Team Member\tsoftware-engineering\ttrue\tengineering", lines[2]);
        Assert.Equal("Team Member\tsoftware-engineering\ttrue\tengineering", lines[3]);
        Assert.Equal("Team Member\tnot-digital\tfalse\t", lines[4]);
    }

    [Fact]
    public void EmptyLineKeepsItsPlaceAsNotDigital()
    {
        var lines = Run("Data Scientist\n\nData Engineer\n");
        Assert.Equal(4, lines.Length);
        Assert.Equal("\tnot-digital\tfalse\t", lines[2]);
        Assert.StartsWith("Data Engineer\t", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void HostileInputStillGivesFourFieldsPerRow()
    {
        var lines = Run("Senior\u000bDeveloper\u2028II\t2210\tdesc\twith\textra\ttabs\r\nNext\u0085Line Title\n\"Quoted, \"\"title\"\"\"\n");
        Assert.Equal(4, lines.Length);
        Assert.All(lines, line => Assert.Equal(4, line.Split('\t').Length));
        Assert.Equal("Senior Developer II\tsoftware-engineering\ttrue\tengineering", lines[1]);
        Assert.Equal("Next Line Title\tnot-digital\tfalse\t", lines[2]);
        Assert.Equal("\"Quoted, \"\"title\"\"\"\tnot-digital\tfalse\t", lines[3]);
        Assert.DoesNotContain(lines, line => line.AsSpan().IndexOfAny('\r', '\u0085', '\u2028') >= 0);
    }

    [Fact]
    public void InputWithoutTrailingNewlineIsRead()
    {
        var lines = Run("Data Scientist");
        Assert.Equal(2, lines.Length);
        Assert.Equal("Data Scientist\tdata-science\ttrue\tdata", lines[1]);
    }

    [Fact]
    public void EvaluateOnTheEvalSetReturnsZero()
    {
        var output = new StringWriter();
        Assert.Equal(0, ClassifyCommand.Evaluate(Fixtures.Path("classifier", "eval.tsv"), output));
        Assert.Contains("targets met", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateReturnsOneWhenTargetsAreMissed()
    {
        var path = Write("title\tseries\tcategory\nData Scientist\t\tnot-digital\nCivil Engineer\t\tsoftware-engineering\n");
        var output = new StringWriter();
        Assert.Equal(1, ClassifyCommand.Evaluate(path, output));
        Assert.Contains("TARGETS NOT MET", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title\tseries\tcategory\nData Scientist\tdata-science\n", 2, "expected 3 tab-separated fields")]
    [InlineData("title\tseries\tcategory\nData Scientist\t\tdata-science\nCoder\t\tblockchain\n", 3, "unknown category 'blockchain'")]
    [InlineData("title,series,category\nData Scientist,,data-science\n", 1, "expected the header")]
    [InlineData("title\tseries\tcategory\n\t2210\tit-generalist\n", 2, "the title is empty")]
    [InlineData("", 0, "no header")]
    [InlineData("title\tseries\tcategory\tsplitt\nData Scientist\t\tdata-science\ttest\n", 1, "unknown or repeated column 'splitt'")]
    [InlineData("title\tseries\tcategory\tcontext\nDesigner\t\tux-service-design\tstartup\n", 2, "unknown context 'startup'")]
    [InlineData("title\tseries\tcategory\tsplit\nDesigner\t\tux-service-design\n", 2, "expected 4 tab-separated fields")]
    public void MalformedTsvNamesFileAndLine(string content, int line, string message)
    {
        var path = Write(content);
        var output = new StringWriter();
        Assert.Equal(2, ClassifyCommand.Evaluate(path, output));
        Assert.Contains($"{path}:{line}: ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(message, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ExtraColumnsAreReadByName()
    {
        var path = Write("title\tseries\tcategory\tsplit\tcontext\tcategories\torganization\tdescription\tsource\tlevel\n" +
            "Designer\t\tux-service-design\ttest\tcivic-tech\tDesign;Product\tNava PBC\tDesigns services.\torg-x\torganization\n");

        var row = Assert.Single(ClassifyCommand.ReadLabeled(path));

        Assert.Equal(("test", "civic-tech", "Nava PBC", "Designs services.", "org-x", "organization"),
            (row.Split, row.Context, row.Organization, row.Description, row.Source, row.Level));
        Assert.Equal(["Design", "Product"], row.Categories!);
    }

    [Fact]
    public void EvaluateCanKeepOneSplit()
    {
        var path = Write("title\tseries\tcategory\tsplit\nData Scientist\t\tdata-science\ttest\nCivil Engineer\t\tsoftware-engineering\ttrain\n");

        var test = new StringWriter();
        var missing = new StringWriter();

        Assert.Equal(0, ClassifyCommand.Evaluate(path, test, split: "test"));
        Assert.Contains("rows: 1", test.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, ClassifyCommand.Evaluate(path, missing, split: "dev"));
        Assert.Contains("no rows in split 'dev'", missing.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsAClearError()
    {
        var path = Path.Combine(directory, "absent.tsv");
        var output = new StringWriter();
        Assert.Equal(2, ClassifyCommand.Evaluate(path, output));
        Assert.Contains(path, output.ToString(), StringComparison.Ordinal);
    }

    string Write(string content)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, content);
        return path;
    }
}
