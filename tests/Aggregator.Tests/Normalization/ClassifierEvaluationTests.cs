using Aggregator.Normalization;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Normalization;

public class ClassifierEvaluationTests
{
    static readonly string EvalSet = Fixtures.Path("classifier", "eval.tsv");

    [Fact]
    public void EvalSetMeetsTheTargets()
    {
        var rows = ClassifyCommand.ReadLabeled(EvalSet);
        var result = ClassifierEvaluation.Evaluate(rows);
        var report = new StringWriter();
        ClassifierEvaluation.WriteReport(result, report);
        Assert.True(result.F1 >= 0.97, report.ToString());
        Assert.True(result.Accuracy >= 0.90, report.ToString());
    }

    [Fact]
    public void EvalSetIsLargeAndMostlyNotDigital()
    {
        var rows = ClassifyCommand.ReadLabeled(EvalSet);
        Assert.True(rows.Count >= 300, $"only {rows.Count} rows");
        Assert.True(rows.Count(r => r.Expected == Taxonomy.NotDigital) > rows.Count / 2);
        Assert.Equal(rows.Count, rows.Select(r => (r.Title, string.Join(';', r.SeriesCodes))).Distinct().Count());
    }

    static readonly string LabeledSet = Fixtures.Path("classifier", "labeled.tsv");

    [Fact]
    public void TheLabeledSetMeetsTheTargetsOnItsTestSplit()
    {
        var rows = ClassifyCommand.ReadLabeled(LabeledSet);
        var result = ClassifierEvaluation.Evaluate(rows);
        var report = new StringWriter();
        ClassifierEvaluation.WriteReport(result, report);

        var test = Assert.Single(result.Splits, s => s.Name == "test");
        Assert.True(test.F1 >= ClassifierEvaluationResult.TargetF1, report.ToString());
        Assert.True(test.Accuracy >= ClassifierEvaluationResult.TargetAccuracy, report.ToString());
        var bare = Assert.Single(result.TitleAndSeriesSplits, s => s.Name == "test");
        Assert.True(bare.F1 >= ClassifierEvaluationResult.TargetF1 && bare.Accuracy >= ClassifierEvaluationResult.TargetAccuracy, report.ToString());
        Assert.True(result.MeetsTargets);
    }

    [Fact]
    public void TheLabeledSetIsLargeCoversEveryLevelAndIsSplitBySource()
    {
        var rows = ClassifyCommand.ReadLabeled(LabeledSet);

        Assert.True(rows.Count >= 2000, $"only {rows.Count} rows");
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.Source) || string.IsNullOrEmpty(r.Level) || string.IsNullOrEmpty(r.Split), $"line {r.Line}"));
        foreach (var level in new[] { "federal", "state", "local", "international" })
            foreach (var split in new[] { "train", "dev", "test" })
                Assert.Contains(rows, r => r.Level == level && r.Split == split);
        // A source's rows all sit in one split, so no test title shares a source (and its titling habits) with the training rows.
        Assert.All(rows.GroupBy(r => r.Source), g => Assert.Single(g.Select(r => r.Split).Distinct()));
        Assert.Equal(rows.Count, rows.Select(r => (r.Title, string.Join(';', r.SeriesCodes), string.Join(';', r.Categories ?? []), r.Organization)).Distinct().Count());
        Assert.Contains(rows, r => r.Description is not null);
        Assert.Contains(rows, r => r.Context is not null);
    }

    [Fact]
    public void NoTestTitleRepeatsTheRegressionSet()
    {
        var regression = ClassifyCommand.ReadLabeled(EvalSet).Select(r => r.Title.ToLowerInvariant()).ToHashSet();
        var test = ClassifyCommand.ReadLabeled(LabeledSet).Where(r => r.Split == "test").Select(r => r.Title.ToLowerInvariant());

        Assert.DoesNotContain(test, regression.Contains);
    }

    [Fact]
    public void TheReportScoresEachSplitAndLevelAndJudgesTheTestSplit()
    {
        LabeledTitle[] rows =
        [
            new("Data Scientist", [], "data-science", Level: "federal", Split: "train", Source: "a"),
            new("Civil Engineer", [], Taxonomy.NotDigital, Level: "state", Split: "test", Source: "b"),
            new("Designer", [], "ux-service-design", Level: "organization", Split: "test", Source: "b", Context: "civic-tech"),
        ];
        var result = ClassifierEvaluation.Evaluate(rows);
        var report = new StringWriter();
        ClassifierEvaluation.WriteReport(result, report);
        var text = report.ToString();

        Assert.Equal(["train", "test"], result.Splits.Select(s => s.Name));
        Assert.Equal(["federal", "state", "organization"], result.Levels.Select(s => s.Name));
        var test = result.Splits[1];
        Assert.Equal((2, 1, 1, 1), (test.Total, test.TruePositives, test.DigitalRows, test.CorrectDigitalRows));
        // Without its context the bare "Designer" is not digital: the title-only scores show what `classify` sees.
        Assert.Equal(0, result.TitleAndSeriesSplits[1].TruePositives);
        Assert.Contains("by split (all fields)", text, StringComparison.Ordinal);
        Assert.Contains("by level (all fields)", text, StringComparison.Ordinal);
        Assert.Contains("digital-row accuracy", text, StringComparison.Ordinal);
        Assert.Contains("targets met on the test split", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MetricsCountDigitalAsThePositiveClass()
    {
        LabeledTitle[] rows =
        [
            new("Senior Software Engineer", [], "software-engineering"),   // TP, right category
            new("IT Specialist (INFOSEC)", [], "it-generalist"),           // TP, wrong category
            new("Civil Engineer", [], Taxonomy.NotDigital),                 // TN
            new("Budget Analyst", [], "data-analytics"),                    // FN
            new("Data Scientist", [], Taxonomy.NotDigital),                 // FP
        ];
        var result = ClassifierEvaluation.Evaluate(rows);
        Assert.Equal(5, result.Total);
        Assert.Equal(2, result.TruePositives);
        Assert.Equal(1, result.FalsePositives);
        Assert.Equal(1, result.FalseNegatives);
        Assert.Equal(2.0 / 3, result.Precision, 6);
        Assert.Equal(2.0 / 3, result.Recall, 6);
        Assert.Equal(2.0 / 3, result.F1, 6);
        Assert.Equal(2, result.CorrectCategories);
        Assert.Equal(0.4, result.Accuracy, 6);
        Assert.Equal(3, result.Misses.Count);
        Assert.False(result.MeetsTargets);
        var generalist = Assert.Single(result.PerCategory, c => c.Category == "it-generalist");
        Assert.Equal(0, generalist.Correct);
        Assert.Equal(1, generalist.Total);
    }

    [Fact]
    public void ReportListsMetricsAndMisses()
    {
        var result = ClassifierEvaluation.Evaluate([new LabeledTitle("Data Scientist", [], Taxonomy.NotDigital, Line: 7)]);
        var report = new StringWriter();
        ClassifierEvaluation.WriteReport(result, report);
        var text = report.ToString();
        Assert.Contains("F1", text, StringComparison.Ordinal);
        Assert.Contains("category accuracy", text, StringComparison.Ordinal);
        Assert.Contains("line 7: Data Scientist: expected not-digital, got data-science", text, StringComparison.Ordinal);
        Assert.Contains("TARGETS NOT MET", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptySetScoresZeroWithoutDividingByZero()
    {
        var result = ClassifierEvaluation.Evaluate([]);
        Assert.Equal(0, result.F1);
        Assert.Equal(0, result.Accuracy);
    }
}
