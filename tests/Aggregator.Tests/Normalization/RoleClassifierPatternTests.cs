using Aggregator.Normalization;
using Aggregator.Sources;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Normalization;

/// <summary>
/// The patterns issue 12 found the old classifier missing on titles it had never seen, each with titles made up for this
/// file (none is in the labeled set's test split: <see cref="NoTitleHereIsInTheHeldOutSplit"/>).
/// </summary>
public sealed class RoleClassifierPatternTests
{
    static readonly RoleClassifier Classifier = RoleClassifier.Shared;

    static Classification Classify(string title, string? series = null, string? category = null, string? description = null,
        string? organization = null, string? context = null) =>
        Classifier.Classify(new RoleInput(title, series?.Split(';'), category is null ? null : [category], description, organization, context));

    static void AssertCategory(string expected, Classification result, string title) =>
        Assert.True(expected == result.Category, $"'{title}': expected {expected}, got {result.Category} ({result.Evidence}: {result.Reason})");

    public static TheoryData<string, string> SecurityWithoutCyber => new()
    {
        { "Threat Detection Engineer II", "cybersecurity" },
        { "Intrusion Analyst - Tier 2", "cybersecurity" },
        { "Lead Incident Response Engineer", "cybersecurity" },
        { "Vulnerability Scanning Analyst", "cybersecurity" },
        { "Endpoint Protection Engineer", "cybersecurity" },
        { "SOC Shift Lead", "cybersecurity" },
        { "Senior CSIRT Analyst", "cybersecurity" },
        { "Computer Forensics Specialist", "cybersecurity" },
        { "Identity & Access Management Administrator", "cybersecurity" },
        { "Information Technology Security Officer III", "cybersecurity" },
        { "Information Assurance Analyst", "cybersecurity" },
        { "ISSO - Cloud Systems", "cybersecurity" },
        { "Zero Trust Architect", "architecture" },
    };

    [Theory]
    [MemberData(nameof(SecurityWithoutCyber))]
    public void SecurityWorkReadsAsSecurityWithoutTheWordCyber(string title, string expected) => AssertCategory(expected, Classify(title), title);

    [Theory]
    [InlineData("Threat Assessment Specialist")]
    [InlineData("Campus Security Officer")]
    [InlineData("Incident Response Coordinator - Public Health Emergencies")]
    [InlineData("Security Specialist")]
    [InlineData("Vulnerable Adults Safeguarding Officer")]
    public void SecurityWordsOutsideItStayNotDigital(string title) => AssertCategory(Taxonomy.NotDigital, Classify(title), title);

    public static TheoryData<string, string> OperationsVocabulary => new()
    {
        { "Capacity Planning Specialist (Mainframe)", "infrastructure-operations" },
        { "Production Control Analyst II", "infrastructure-operations" },
        { "Batch Control Operator", "infrastructure-operations" },
        { "Job Scheduling Specialist", "infrastructure-operations" },
        { "OT Systems Support Analyst", "infrastructure-operations" },
        { "SCADA Systems Engineer", "infrastructure-operations" },
        { "Industrial Control Systems Technician", "infrastructure-operations" },
        { "Systems Programmer II - z/OS", "infrastructure-operations" },
        { "Network Support Analyst", "network-engineering" },
        { "Mainframe Operations Technician", "infrastructure-operations" },
        { "Computer Operations Specialist", "infrastructure-operations" },
        { "ITS III", "it-generalist" },
        { "ISS-5", "it-generalist" },
        { "ITS 2 (Systems Programming)", "infrastructure-operations" },
        { "ISS 6 - Network Engineer", "network-engineering" },
    };

    [Theory]
    [MemberData(nameof(OperationsVocabulary))]
    public void OperationsVocabularyAndStateClassCodesAreRead(string title, string expected) => AssertCategory(expected, Classify(title), title);

    [Theory]
    [InlineData("Wastewater Systems Operator")]
    [InlineData("Production Supervisor - Print Shop")]
    [InlineData("Traffic Control Systems Technician")]
    public void OperationsWordsOutsideItStayNotDigital(string title) => AssertCategory(Taxonomy.NotDigital, Classify(title), title);

    public static TheoryData<string, string> QualityAssurance => new()
    {
        { "Automated Test Engineer", "qa-testing" },
        { "Test Automation Developer", "qa-testing" },
        { "QA Lead - Web Applications", "qa-testing" },
        { "Manager, Quality Assurance (IT)", "qa-testing" },
        { "Software Test Lead", "qa-testing" },
        { "Quality Assurance Analyst, Information Technology", "qa-testing" },
        { "User Acceptance Testing Coordinator", "qa-testing" },
    };

    [Theory]
    [MemberData(nameof(QualityAssurance))]
    public void TestingAndQualityAssuranceInAnItSettingAreQa(string title, string expected) => AssertCategory(expected, Classify(title), title);

    [Theory]
    [InlineData("Quality Assurance Inspector - Roadway Construction")]
    [InlineData("Quality Assurance Nurse")]
    [InlineData("Soil Testing Technician")]
    [InlineData("Quality Assurance Reviewer (Food Stamps)")]
    public void QualityAssuranceOutsideItIsNotDigital(string title) => AssertCategory(Taxonomy.NotDigital, Classify(title), title);

    public static TheoryData<string, string> HeadOverDecorations => new()
    {
        // The role, not its parenthetical specialty.
        { "IT Project Manager (NETWORK)", "delivery-project-management" },
        { "Information Technology Program Manager (SYSADMIN/INFOSEC)", "delivery-project-management" },
        // Of several specialties the first leads.
        { "Software Developer (DATAMGT/APPSW)", "software-engineering" },
        { "IT Specialist (CUSTSPT/NETWORK)", "it-support" },
        // A team prefix does not outrank the role after it.
        { "Data Platform: Delivery Manager", "delivery-project-management" },
        { "Security Team: Product Owner", "product-management" },
        { "Medicaid.gov: Content Designer", "content-design" },
        // The first of several roles leads.
        { "Network Engineer / Security Analyst", "network-engineering" },
        { "Business Analyst/Scrum Master", "business-analysis" },
        // Grades, salaries, requisitions and typos do not change the answer.
        { "Database Administrator (Grade 9) - Req #55120", "data-engineering" },
        { "GIS Technician, $52,000-$61,000, Job 2025-0413", "gis" },
        { "Sr. Sofware Developer", "software-engineering" },
        { "Netwrok Administrator II", "network-engineering" },
        { "Cybersecurity Analsyt (Remote)", "cybersecurity" },
        { "IT Specialist, GS-2210-12/13 (INFOSEC)", "cybersecurity" },
        { "Data Engineer - Band 6 - Ref 88213", "data-engineering" },
    };

    [Theory]
    [MemberData(nameof(HeadOverDecorations))]
    public void TheRoleOutranksItsDecorations(string title, string expected) => AssertCategory(expected, Classify(title), title);

    [Fact]
    public void ATypoIsNotReadIntoAnotherWord()
    {
        // "Enginering" is one edit from "engineering" only, "Dates" from no role word.
        AssertCategory(Taxonomy.NotDigital, Classify("Dates Coordinator"), "Dates Coordinator");
        AssertCategory("software-engineering", Classify("Software Enginering Manager"), "Software Enginering Manager");
    }

    [Fact]
    public void AtADigitalServiceOrCivicTechOrganizationABareRoleIsDigital()
    {
        AssertCategory("delivery-project-management", Classify("Delivery Lead", context: OrganizationContext.DigitalService), "Delivery Lead");
        AssertCategory("delivery-project-management", Classify("Partnerships Manager", context: OrganizationContext.CivicTech), "Partnerships Manager");
        AssertCategory("delivery-project-management", Classify("Community Manager", organization: "Code for America"), "Community Manager");
        AssertCategory("ux-service-design", Classify("Senior Designer", context: OrganizationContext.DigitalService), "Senior Designer");
        AssertCategory("user-research", Classify("Researcher", context: OrganizationContext.CivicTech), "Researcher");

        var engineer = Classify("Engineer", organization: "U.S. Digital Service");
        AssertCategory("software-engineering", engineer, "Engineer");
        Assert.Equal(Evidence.Organization, engineer.Evidence);
    }

    [Fact]
    public void ElsewhereTheSameBareRoleIsNot()
    {
        AssertCategory(Taxonomy.NotDigital, Classify("Delivery Lead", organization: "Department of Public Works", category: "Public Works"), "Delivery Lead");
        AssertCategory(Taxonomy.NotDigital, Classify("Partnerships Manager", organization: "Parks and Recreation"), "Partnerships Manager");
        AssertCategory(Taxonomy.NotDigital, Classify("Community Manager"), "Community Manager");
        AssertCategory(Taxonomy.NotDigital, Classify("Designer", organization: "Department of Transportation"), "Designer");
    }

    [Fact]
    public void ADigitalOrganizationDoesNotMakeEveryJobThereDigital()
    {
        // Taxonomy rule 12: a digital office's recruiter, budget analyst or policy advisor is still not digital.
        foreach (var title in new[] { "Recruiter", "Budget Analyst", "Senior Policy Advisor", "Stakeholder Engagement Manager", "Finance Manager" })
            AssertCategory(Taxonomy.NotDigital, Classify(title, context: OrganizationContext.DigitalService), title);
    }

    [Fact]
    public void TheDescriptionSettlesAnOpenTitle()
    {
        var gis = Classify("Technician III", description:
            "Edits parcel layers in the enterprise geodatabase, publishes ArcGIS Online web maps and supports GIS users in every department.");
        var support = Classify("Specialist I", category: "Information Technology", description:
            "Answers help desk calls, images laptops and provides desktop support to 400 county employees.");
        var roads = Classify("Technician III", description: "Patches potholes, operates a dump truck and maintains road signs.");

        AssertCategory("gis", gis, "Technician III");
        Assert.Equal(Evidence.Description, gis.Evidence);
        AssertCategory("it-support", support, "Specialist I");
        AssertCategory(Taxonomy.NotDigital, roads, "Technician III");
    }

    [Fact]
    public void TheOrganizationGivesABareTitleItsItSetting()
    {
        var result = Classify("Senior Analyst", organization: "Department of Information Technology");

        AssertCategory("it-generalist", result, "Senior Analyst");
        Assert.Equal(Evidence.Organization, result.Evidence);
        AssertCategory(Taxonomy.NotDigital, Classify("Senior Analyst", organization: "Department of Finance"), "Senior Analyst");
    }

    [Fact]
    public void EveryDecisionSaysWhichWordsDecidedIt()
    {
        var composed = Classify("Vulnerability Scanning Analyst");
        Assert.Equal(Evidence.Title, composed.Evidence);
        Assert.Contains("'analyst'", composed.Reason, StringComparison.Ordinal);
        Assert.Contains("vulnerability", composed.Reason, StringComparison.Ordinal);

        Assert.Equal("parenthetical INFOSEC", Classify("IT Specialist, GS-2210-12/13 (INFOSEC)").Reason);
        Assert.Contains("working title", Classify("Information Technology Specialist II - Site Reliability Engineer").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTitleHereIsInTheHeldOutSplit()
    {
        var heldOut = ClassifyCommand.ReadLabeled(Fixtures.Path("classifier", "labeled.tsv"))
            .Where(r => r.Split == "test").Select(r => r.Title.ToLowerInvariant()).ToHashSet();
        var mine = new[] { SecurityWithoutCyber, OperationsVocabulary, QualityAssurance, HeadOverDecorations }
            .SelectMany(d => d.Select(row => row.Data.Item1.ToLowerInvariant()));

        Assert.DoesNotContain(mine, heldOut.Contains);
    }
}
