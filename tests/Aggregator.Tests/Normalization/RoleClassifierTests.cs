using System.Text.Json;
using Aggregator.Normalization;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Normalization;

public class RoleClassifierTests
{
    static readonly RoleClassifier Classifier = RoleClassifier.Shared;

    static Classification Classify(string title, string? series = null, string? category = null, string? description = null) =>
        Classifier.Classify(new RoleInput(title, series is null ? null : series.Split(';'), category is null ? null : [category], description));

    static void AssertCategory(string expected, string title, string? series = null)
    {
        var result = Classify(title, series);
        Assert.True(expected == result.Category,
            $"'{title}'{(series is null ? "" : $" [{series}]")}: expected {expected}, got {result.Category} ({result.Evidence}: {result.Reason})");
    }

    [Theory]
    [InlineData("IT Specialist (APPSW)", "software-engineering")]
    [InlineData("IT Specialist (INFOSEC)", "cybersecurity")]
    [InlineData("IT Specialist (SYSADMIN)", "infrastructure-operations")]
    [InlineData("IT Specialist (DATAMGT)", "data-engineering")]
    [InlineData("INFORMATION TECHNOLOGY SPECALIST (DATA MGMT)", "data-engineering")]
    [InlineData("IT Specialist (CUSTSPT)", "it-support")]
    [InlineData("ITSPEC (CUSTSPT) (T32)", "it-support")]
    [InlineData("IT Specialist (NETWORK)", "network-engineering")]
    [InlineData("IT Specialist (PLCYPLN)", "digital-leadership")]
    [InlineData("IT Specialist (PLCYPLAN)", "digital-leadership")]
    [InlineData("IT Specialist (ENTARCH)", "architecture")]
    [InlineData("IT Specialist (OS)", "infrastructure-operations")]
    [InlineData("IT Specialist (INET)", "software-engineering")]
    [InlineData("IT Specialist (SYSANALYSIS)", "business-analysis")]
    [InlineData("Information Technology Specialist, GS-2210-05/07, DSB-JD-DEU-External (Applications Software)", "software-engineering")]
    [InlineData("IT CYBERSECURITY SPECIALIST (SYSADMIN)", "infrastructure-operations")]
    [InlineData("IT Cybersecurity Specialist (APPSW)", "software-engineering")]
    public void ParentheticalDecidesTheSpecialty(string title, string expected) => AssertCategory(expected, title);

    [Fact]
    public void ParentheticalAppswIsSoftwareEngineering()
    {
        var result = Classify("IT Specialist (APPSW)", "2210");
        Assert.Equal("software-engineering", result.Category);
        Assert.Equal("engineering", result.Family);
        Assert.True(result.IsDigital);
        Assert.Equal(Evidence.Title, result.Evidence);
        Assert.Equal("parenthetical APPSW", result.Reason);
    }

    [Theory]
    [InlineData("IT Specialist (APPSW/INFOSEC)", "software-engineering")]
    [InlineData("IT Specialist (INFOSEC/PLCYPLN)", "cybersecurity")]
    [InlineData("IT Specialist (SYSADMIN/SYSANALYSIS)", "infrastructure-operations")]
    [InlineData("Supervisory IT Specialist (PLCYPLN/INFOSEC)", "digital-leadership")]
    public void FirstListedParentheticalWins(string title, string expected) => AssertCategory(expected, title);

    [Theory]
    [InlineData("IT Specialist (SYSANALYSIS) (Product Manager)", "product-management")]
    [InlineData("Program Analyst (Data Analyst)", "data-analytics")]
    [InlineData("Management and Program Analyst (Product Owner)", "product-management")]
    [InlineData("Program Analyst (UX/UI Designer)", "ux-service-design")]
    [InlineData("Statistician (Data Scientist)", "data-science")]
    [InlineData("Operations Research Analyst (Data Scientist)", "data-science")]
    [InlineData("Emergency Management Specialist (Geospatial)", "gis")]
    [InlineData("Intelligence Specialist (Cyber Threat Analyst)", "cybersecurity")]
    public void RoleNamedInParenthesesOutranksTheClassTitle(string title, string expected) => AssertCategory(expected, title);

    [Theory]
    [InlineData("Senior Software Developer - HEO - 12345", "software-engineering")]
    [InlineData("Interaction Designer (SEO)", "ux-service-design")]
    [InlineData("Login.gov: Designer", "ux-service-design")]
    [InlineData("18F - Engineer", "software-engineering")]
    [InlineData("Information Technology Specialist III", "it-generalist")]
    [InlineData("Information Technology Specialist 2", "it-generalist")]
    [InlineData("Network Engineer I LAN/WAN", "network-engineering")]
    [InlineData("Prison Onsite Support Engineer (Ref: 76109)", "it-support")]
    [InlineData("DDaT - Quality Assurance & Test (QAT) - Principal Test Engineer", "qa-testing")]
    public void DecorationsAndLevelsDoNotHideTheRole(string title, string expected) => AssertCategory(expected, title);

    // Taxonomy §3.22 and the "not this" lists: titles that share words with digital roles.
    [Theory]
    [InlineData("Civil Engineer")]
    [InlineData("Assistant Civil Engineer")]
    [InlineData("Traffic Engineer")]
    [InlineData("Stationary Engineer")]
    [InlineData("Electrical Engineer (Programming)")]
    [InlineData("Civil Engineer Programming Engineer")]
    [InlineData("Professional Engineer 1 Civil/Transportation")]
    [InlineData("Budget Analyst")]
    [InlineData("IT Budget Analyst")]
    [InlineData("IT Contracts and Budget Manager")]
    [InlineData("Program Analyst")]
    [InlineData("Management and Program Analyst")]
    [InlineData("Policy Analyst")]
    [InlineData("Credit Risk Analyst")]
    [InlineData("Deputy Product Manager (Acquisition)")]
    [InlineData("Assistant Product Manager")]
    [InlineData("Acquisition Key Billet Product Manager")]
    [InlineData("Health Science Product Manager")]
    [InlineData("Food Product Manager")]
    [InlineData("Product Safety Inspector")]
    [InlineData("Program Manager (Currency Product Manager)")]
    [InlineData("Patent Examiner (Computer Science)")]
    [InlineData("Training Instructor (Computer Science)")]
    [InlineData("Correctional Program Specialist (Curriculum Developer)")]
    [InlineData("Special Agent - Cybersecurity/Technology Background")]
    [InlineData("General Attorney - Cybersecurity and IT Law")]
    [InlineData("Crypto Custodian")]
    [InlineData("Cryptocurrency Analyst")]
    [InlineData("Supply Systems Analyst")]
    [InlineData("Financial Systems Analyst")]
    [InlineData("Instructional Systems Specialist (CTE/ENGINEERING/IT)")]
    [InlineData("Electronic Integrated Systems Mechanic")]
    [InlineData("Fire Safety Management System Auditor (FSMSA)")]
    [InlineData("Data Entry Specialist")]
    [InlineData("Head of Consumer and Data Policy")]
    [InlineData("City Research Scientist")]
    [InlineData("Social Science Research Analyst")]
    [InlineData("Operations Research Analyst")]
    [InlineData("Social Media Manager")]
    [InlineData("Digital Communications Specialist")]
    [InlineData("Videographer - No10 North")]
    [InlineData("Graphic Designer, Bureau of Communications")]
    [InlineData("DIGITAL DESGINER")]
    [InlineData("Design Lead")]
    [InlineData("Landscape Architect")]
    [InlineData("Naval Architect (Hydromechanics)")]
    [InlineData("Assistant Quality Assurance Engineer")]
    [InlineData("Test and Evaluation Engineer")]
    [InlineData("Regional Network Officer")]
    [InlineData("Negotiations Team Lead - Telecoms")]
    [InlineData("Building Automation System Manager")]
    [InlineData("Office Automation Clerk")]
    [InlineData("Policy Advisor - Digital Transformation Office")]
    [InlineData("Pipeline Manager")]
    [InlineData("Clinical Coding Specialist")]
    [InlineData("Production Operator")]
    [InlineData("Bus Driver")]
    [InlineData("Product Management Engineer (Electro Optics)")]
    public void LookAlikeTitleIsNotDigital(string title)
    {
        var result = Classify(title);
        Assert.False(result.IsDigital, $"'{title}' read as {result.Category} ({result.Reason})");
        Assert.Equal(Taxonomy.NotDigital, result.Category);
        Assert.Equal("", result.Family);
    }

    [Theory]
    [InlineData("Engineering Manager - Python", "software-engineering")]
    [InlineData("Head of User Centred Design", "ux-service-design")]
    [InlineData("Director of Product Management", "product-management")]
    [InlineData("Chief Information Security Officer", "cybersecurity")]
    [InlineData("Chief Information Officer", "digital-leadership")]
    [InlineData("Security Architect", "architecture")]
    [InlineData("Network Architect", "architecture")]
    [InlineData("HRIT Product Manager", "product-management")]
    public void ManagersStayInTheirDiscipline(string title, string expected) => AssertCategory(expected, title);

    [Fact]
    public void SeriesDecidesABareTitle()
    {
        var result = Classify("Systems Engineer", "2200;2210");
        Assert.Equal("infrastructure-operations", result.Category);
        Assert.Equal(Evidence.Title, result.Evidence);
        Assert.Contains("IT setting", result.Reason, StringComparison.Ordinal);

        Assert.Equal(Taxonomy.NotDigital, Classify("Systems Engineer").Category);
        Assert.Equal(Taxonomy.NotDigital, Classify("Systems Engineer", "0801").Category);
    }

    [Theory]
    [InlineData("2210", "it-generalist")]
    [InlineData("2299", "it-generalist")]
    [InlineData("1550", "software-engineering")]
    [InlineData("0854", "software-engineering")]
    [InlineData("1560", "data-science")]
    [InlineData("1530", "data-science")]
    [InlineData("0335", "it-support")]
    [InlineData("0391", "network-engineering")]
    [InlineData("GS-2210", "it-generalist")]
    public void SeriesFallbackWhenTheTitleSaysNothing(string series, string expected)
    {
        var result = Classify("Vacancy 2026-0413", series);
        Assert.Equal(expected, result.Category);
        Assert.Equal(Evidence.Series, result.Evidence);
        Assert.StartsWith("series ", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SeriesReportsTheCodeInTheReason()
    {
        var result = Classify("Team Member", "1500;1560");
        Assert.Equal("data-science", result.Category);
        Assert.Equal("series 1560 (Data Science)", result.Reason);
    }

    [Fact]
    public void FirstSpecificSeriesDecidesAMixedAnnouncement()
    {
        Assert.Equal(Taxonomy.NotDigital, Classify("PROFESSIONAL ENGINEERING POSITIONS (AST)", "0800;0830;0850;0854;0855;0861").Category);
        Assert.Equal("software-engineering", Classify("Interdisciplinary Position", "0800;0854;1500;1550").Category);
    }

    [Fact]
    public void LookAlikeSeriesOutvotesAPlainTitleWord()
    {
        Assert.Equal("cybersecurity", Classify("Information Security Specialist", "2210").Category);
        var result = Classify("Information Security Specialist", "0080");
        Assert.Equal(Taxonomy.NotDigital, result.Category);
        Assert.Equal(Evidence.Series, result.Evidence);
    }

    [Fact]
    public void ItSeriesOverridesASoftNegativeTitle()
    {
        var result = Classify("Program Analyst", "2210");
        Assert.Equal("it-generalist", result.Category);
        Assert.Equal(Evidence.Series, result.Evidence);
    }

    [Fact]
    public void GenericItTitleDefersToAMoreSpecificSeries()
    {
        var result = Classify("IT Specialist", "1550");
        Assert.Equal("software-engineering", result.Category);
        Assert.Equal(Evidence.Series, result.Evidence);
    }

    [Fact]
    public void HardNegativeTitleIgnoresAnItSeries() =>
        Assert.Equal(Taxonomy.NotDigital, Classify("Civil Engineer", "2210").Category);

    [Fact]
    public void CategoryFallbackWhenTitleAndSeriesSayNothing()
    {
        var result = Classify("Assistant Administrator I", category: "IT and Computers");
        Assert.Equal("it-generalist", result.Category);
        Assert.Equal(Evidence.Category, result.Evidence);
        Assert.Equal("'administrator' in an IT setting (source category matched 'it')", result.Reason);
    }

    [Fact]
    public void CategoryGivesContextToAVagueTitle()
    {
        var result = Classify("Director, Infrastructure Build Coordinator", category: "Information Technology & Telecommunications");
        Assert.Equal("infrastructure-operations", result.Category);
        Assert.Equal(Evidence.Title, result.Evidence);
        Assert.Equal(Taxonomy.NotDigital, Classify("Director, Infrastructure Build Coordinator", category: "Engineering, Architecture, & Planning").Category);
    }

    [Fact]
    public void DescriptionFallbackNeedsRepeatedStrongEvidence()
    {
        var strong = Classify("Team Member", description:
            "You will work as a software engineer on our benefits platform. Software engineers here pair daily and ship to production.");
        Assert.Equal("software-engineering", strong.Category);
        Assert.Equal(Evidence.Description, strong.Evidence);
        Assert.Contains("software engineer", strong.Reason, StringComparison.Ordinal);

        var weak = Classify("Team Member", description: "Uses IT systems and a computer daily; one software engineer may help.");
        Assert.Equal(Taxonomy.NotDigital, weak.Category);
    }

    [Fact]
    public void DescriptionNeverOverridesTheTitle()
    {
        var result = Classify("Civil Engineer", description: "Works with software engineers and data scientists; software engineer liaison; data scientist reviews.");
        Assert.Equal(Taxonomy.NotDigital, result.Category);
        Assert.Equal(Evidence.Title, result.Evidence);
    }

    [Fact]
    public void NoEvidenceIsNotDigitalAndSaysSo()
    {
        var result = Classify("Membership Retention Manager");
        Assert.Equal(Taxonomy.NotDigital, result.Category);
        Assert.False(result.IsDigital);
        Assert.Equal(Evidence.Title, result.Evidence);
        Assert.Equal("title matched 'manager' (not a digital role)", result.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("()()((")]
    [InlineData("\t\n")]
    public void EmptyOrJunkTitleIsNotDigital(string title) => Assert.Equal(Taxonomy.NotDigital, Classify(title).Category);

    [Fact]
    public void VeryLongTitleDoesNotThrow()
    {
        var title = string.Join(' ', Enumerable.Repeat("Senior Software Engineer", 500));
        Assert.Equal("software-engineering", Classify(title).Category);
    }

    [Fact]
    public void WordsMatchWholeNotInsideOtherWords()
    {
        Assert.Equal(Taxonomy.NotDigital, Classify("Production Controller (Aircraft)").Category);
        Assert.Equal(Taxonomy.NotDigital, Classify("Dairy Products Marketing Specialist").Category);
        Assert.Equal(Taxonomy.NotDigital, Classify("Professional Development and Training Intern-DHS").Category);
    }

    [Fact]
    public void EveryResultUsesAKnownSlugAndItsFamily()
    {
        foreach (var line in File.ReadLines(Fixtures.Path("classifier", "eval.tsv")).Skip(1))
        {
            var fields = line.Split('\t');
            var result = Classify(fields[0], fields[1].Length == 0 ? null : fields[1]);
            Assert.True(Taxonomy.TryGet(result.Category, out var category));
            Assert.Equal(category.Family, result.Family);
            Assert.Equal(category.IsDigital, result.IsDigital);
            Assert.Contains(result.Evidence, new[] { Evidence.Title, Evidence.Series, Evidence.Category, Evidence.Description });
        }
    }

    [Fact]
    public void SameAnswerFromManyThreads()
    {
        var titles = File.ReadLines(Fixtures.Path("classifier", "eval.tsv")).Skip(1).Select(l => l.Split('\t')[0]).ToArray();
        var expected = titles.Select(t => Classify(t).Category).ToArray();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < titles.Length; i++)
                Assert.Equal(expected[i], Classify(titles[i]).Category);
        });
    }

    [Fact]
    public void RealUsajobsItPostingsReadAsTheirParenthetical()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Corpus.PathOf("usajobs", "search_2024_keyword_it_fields_full.json")));
        var items = document.RootElement.GetProperty("SearchResult").GetProperty("SearchResultItems").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            var descriptor = item.GetProperty("MatchedObjectDescriptor");
            var title = descriptor.GetProperty("PositionTitle").GetString()!;
            var series = descriptor.GetProperty("JobCategory").EnumerateArray().Select(c => c.GetProperty("Code").GetString()!).ToList();
            var result = Classifier.Classify(new RoleInput(title, series));
            Assert.Equal("infrastructure-operations", result.Category);
            Assert.Equal("parenthetical SYSADMIN", result.Reason);
        }
    }
}
