using Aggregator.Normalization;
using Aggregator.Sources;
using Aggregator.Sources.Adapters;

namespace Aggregator.Tests.Normalization;

public sealed class NormalizerTests
{
    static readonly Normalizer normalizer = new(new RoleClassifier());
    static readonly DateTimeOffset now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    static SourceDefinition Source(string level = "city", string country = "US", string? region = "US-MD") => new()
    {
        Id = "test-source",
        Jurisdiction = new JurisdictionDefinition { Name = "Test", Level = level, Country = country, Region = region },
    };

    static RawPosting Posting(string title = "Software Engineer") => new() { ExternalId = "1", Title = title, Url = "https://example.gov/jobs/1" };

    [Theory]
    [InlineData(SalaryPeriod.Hour, "federal", 40, 50, 83480, 104350, "hourly × 2,087 (US federal)")]
    [InlineData(SalaryPeriod.Hour, "city", 40, 50, 83200, 104000, "hourly × 2,080")]
    [InlineData(SalaryPeriod.Biweekly, "state", 3000, 4000, 78000, 104000, "biweekly × 26")]
    [InlineData(SalaryPeriod.SemiMonthly, "state", 3000, 4000, 72000, 96000, "semi-monthly × 24")]
    [InlineData(SalaryPeriod.Month, "county", 6000, 8000, 72000, 96000, "monthly × 12")]
    [InlineData(SalaryPeriod.Week, "county", 1500, 2000, 78000, 104000, "weekly × 52")]
    [InlineData(SalaryPeriod.Day, "county", 300, 400, 78000, 104000, "daily × 260")]
    [InlineData(SalaryPeriod.Year, "county", 80000, 100000, 80000, 100000, "as posted (annual)")]
    public void SalaryIsAnnualizedByItsStatedPeriod(SalaryPeriod period, string level, double min, double max, double annualMin, double annualMax, string method)
    {
        var job = normalizer.Normalize(Source(level), Posting() with { Salary = new RawSalary((decimal)min, (decimal)max, period, "USD") }, now);

        Assert.Equal(((decimal)annualMin, (decimal)annualMax), (job.SalaryAnnualMin, job.SalaryAnnualMax));
        Assert.Equal(((decimal)min, (decimal)max), (job.SalaryMin, job.SalaryMax));
        Assert.Null(job.SalaryFlag);
        Assert.Equal(method, job.SalaryMethod);
    }

    [Theory]
    [InlineData("federal", "US", null, 2087, "hourly × 2,087 (US federal)")]
    [InlineData("federal", "CA", null, 2080, "hourly × 2,080")]
    [InlineData("federal", "GB", null, 2080, "hourly × 2,080")]
    [InlineData("state", "US", "US-MD", 2080, "hourly × 2,080")]
    [InlineData("province", "CA", "CA-ON", 2080, "hourly × 2,080")]
    public void OnlyUsFederalHourlyRatesAreAnnualizedWithOpmHours(string level, string country, string? region, int hours, string method)
    {
        var job = normalizer.Normalize(Source(level, country, region), Posting() with { Salary = new RawSalary(40m, 50m, SalaryPeriod.Hour, "USD") }, now);

        Assert.Equal((40m * hours, 50m * hours), (job.SalaryAnnualMin, job.SalaryAnnualMax));
        Assert.Equal(method, job.SalaryMethod);
    }

    [Theory]
    [InlineData(0, 0, SalaryPeriod.Year, "zero")]
    [InlineData(90000, 80000, SalaryPeriod.Year, "max-below-min")]
    [InlineData(45, 60, SalaryPeriod.Year, "implausible-for-period")]
    [InlineData(85000, 95000, SalaryPeriod.Hour, "implausible-for-period")]
    [InlineData(50000, 60000, SalaryPeriod.Unknown, "unknown-period")]
    public void NonsenseSalaryIsFlaggedAndKeptOutOfTheAnnualFields(double min, double max, SalaryPeriod period, string flag)
    {
        var job = normalizer.Normalize(Source(), Posting() with { Salary = new RawSalary((decimal)min, (decimal)max, period, "USD") }, now);

        Assert.Equal(flag, job.SalaryFlag);
        Assert.Null(job.SalaryAnnualMin);
        Assert.Null(job.SalaryAnnualMax);
        Assert.Equal((decimal)min, job.SalaryMin);
    }

    [Fact]
    public void NotDisplayedSalaryIsFlaggedNotStated()
    {
        var job = normalizer.Normalize(Source(), Posting() with { Salary = new RawSalary(null, null, SalaryPeriod.Unknown, "USD") { Text = "Not Displayed" } }, now);

        Assert.Equal("not-stated", job.SalaryFlag);
        Assert.Equal("Not Displayed", job.SalaryText);
    }

    [Theory]
    [InlineData("Anywhere in the U.S. (remote job)", "remote")]
    [InlineData("Remote (United States)", "remote")]
    [InlineData("Hybrid - Baltimore, MD", "hybrid")]
    [InlineData("Baltimore, Maryland", "on-site")]
    public void WorkplaceIsReadFromTheLocationText(string text, string workplace)
    {
        var job = normalizer.Normalize(Source(), Posting() with { LocationText = text }, now);

        Assert.Equal(workplace, job.Workplace);
    }

    [Fact]
    public void StructuredFlagsWinOverText()
    {
        var remote = normalizer.Normalize(Source(), Posting() with { Workplace = Workplace.Remote, LocationText = "Baltimore, Maryland" }, now);
        var telework = normalizer.Normalize(Source(), Posting() with { TeleworkEligible = true, LocationText = "Baltimore, Maryland" }, now);

        Assert.Equal("remote", remote.Workplace);
        Assert.Equal("hybrid", telework.Workplace);
    }

    [Fact]
    public void RegionsBecomeIso31662AndMultipleLocationsKeepASummary()
    {
        var locations = new[] { "Maryland", "Virginia", "Texas", "Utah", "Ohio" }.Select(s => new RawLocation("City " + s, s, "United States")).ToList();

        var job = normalizer.Normalize(Source(), Posting() with { Locations = locations }, now);

        Assert.Contains("\"region\":\"US-MD\"", job.Locations, StringComparison.Ordinal);
        Assert.Null(job.Region);
        Assert.Equal("US", job.Country);
        Assert.EndsWith("and 2 more", job.LocationDisplay, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ontario", "CA", "CA-ON")]
    [InlineData("England", "GB", "GB-ENG")]
    [InlineData("MD", "US", "US-MD")]
    [InlineData("District of Columbia", "US", "US-DC")]
    public void RegionNamesAndAbbreviationsMapToIsoCodes(string region, string country, string code) =>
        Assert.Equal(code, Regions.Code(region, country));

    [Theory]
    [InlineData("Washington, DC", "US", "US-DC", "US")]
    [InlineData("Baltimore, Maryland", "US", "US-MD", "US")]
    [InlineData("Arlington, VA 22201, United States", "US", "US-VA", "US")]
    [InlineData("Toronto, ON", "US", "CA-ON", "CA")]
    [InlineData("Ottawa, Ontario", "CA", "CA-ON", "CA")]
    [InlineData("Sacramento, CA", "CA", "US-CA", "US")]
    [InlineData("Cardiff, Wales", "GB", "GB-WLS", "GB")]
    public void AFreeTextPlaceGetsTheRegionItNamesAfterItsLastComma(string text, string jurisdictionCountry, string region, string country)
    {
        var posting = Posting() with { LocationText = text, Locations = [new RawLocation(null, null, null) { Text = text }] };

        var job = normalizer.Normalize(Source(country: jurisdictionCountry, region: null), posting, now);

        Assert.Equal((region, country), (job.Region, job.Country));
        Assert.Contains($"\"region\":\"{region}\"", job.Locations, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Remote, US")]
    [InlineData("Poll sites citywide")]
    [InlineData("London, UK")]
    public void AFreeTextPlaceWithoutAKnownRegionGetsNone(string text)
    {
        var job = normalizer.Normalize(Source(region: null), Posting() with { Locations = [new RawLocation(null, null, null) { Text = text }] }, now);

        Assert.Null(job.Region);
    }

    [Fact]
    public void ARegionInTextNeverOverridesACountryTheSourceNamed()
    {
        var job = normalizer.Normalize(Source(region: null), Posting() with { Locations = [new RawLocation(null, null, "United States") { Text = "Toronto, ON" }] }, now);

        Assert.Null(job.Region);
        Assert.Equal("US", job.Country);
    }

    [Fact]
    public void EveryPlainTextFieldLosesMarkupDecodedFromEntities()
    {
        const string script = "&lt;script&gt;alert(1)&lt;/script&gt;";
        const string image = "&lt;img src=x onerror=alert(2)&gt;";
        var posting = Posting(script + "Senior Engineer") with
        {
            Organization = image + "County",
            Department = "<b onmouseover=alert(3)>IT</b>",
            LocationText = script + "Towson, MD",
            Locations = [new RawLocation(image + "Towson", null, null) { Text = script + "Towson, MD" }],
            Salary = new RawSalary(50_000, 60_000, SalaryPeriod.Year, "<b>USD</b>") { Text = image + "$50,000 - $60,000" },
            EmploymentType = script + "Full-time",
            Categories = [image + "IT and Computers"],
        };

        var job = normalizer.Normalize(Source(), posting, now);

        Assert.Equal("Senior Engineer", job.Title);
        Assert.Equal(("County", "IT", "Towson, MD"), (job.Organization, job.Department, job.LocationDisplay));
        Assert.Equal(("$50,000 - $60,000", "USD", "Full-time"), (job.SalaryText, job.SalaryCurrency, job.EmploymentType));
        Assert.Equal(["IT and Computers"], job.SourceCategories);
        Assert.Equal("""[{"city":"Towson","region":"US-MD","country":"US","text":"Towson, MD"}]""", job.Locations);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,x")]
    [InlineData("vbscript:msgbox(1)")]
    public void ALinkThatIsNotAWebAddressIsStoredEmpty(string url)
    {
        var job = normalizer.Normalize(Source(), Posting() with { Url = url }, now);

        Assert.Equal("", job.Url);
    }

    [Fact]
    public void ContinuousPostingsHaveNoClosingDateButSaySo()
    {
        var job = normalizer.Normalize(Source(), Posting() with { ClosingKind = ClosingKind.Continuous, ClosingAt = now }, now);

        Assert.Equal("continuous", job.ClosingKind);
        Assert.Null(job.ClosingAt);
    }

    [Fact]
    public void SeniorityAndRoleAreStoredWithTheirEvidence()
    {
        var job = normalizer.Normalize(Source("federal"), Posting("IT Specialist (INFOSEC)") with { SeriesCodes = ["2210"], PayPlan = "GS", LowGrade = "14", HighGrade = "14" }, now);

        Assert.Equal(("cybersecurity", "security", true), (job.RoleCategory, job.RoleFamily, job.IsDigital));
        Assert.StartsWith("title", job.RoleEvidence, StringComparison.Ordinal);
        Assert.Equal("lead", job.Seniority);
    }

    [Fact]
    public void TheDefinitionsContextSettlesABareTitle()
    {
        var civic = Source();
        civic.Context = OrganizationContext.CivicTech;

        var atCivicTech = normalizer.Normalize(civic, Posting("Delivery Lead") with { Organization = "Example Civic Lab" }, now);
        var atPublicWorks = normalizer.Normalize(Source(), Posting("Delivery Lead") with { Organization = "Department of Public Works" }, now);
        var designer = normalizer.Normalize(civic, Posting("Designer"), now);

        Assert.Equal("delivery-project-management", atCivicTech.RoleCategory);
        Assert.Equal(Taxonomy.NotDigital, atPublicWorks.RoleCategory);
        Assert.Equal(("ux-service-design", true), (designer.RoleCategory, designer.IsDigital));
        Assert.StartsWith("organization", designer.RoleEvidence, StringComparison.Ordinal);
        Assert.Equal(Taxonomy.NotDigital, normalizer.Normalize(Source(), Posting("Designer"), now).RoleCategory);
    }

    [Fact]
    public void TheOrganizationAndDepartmentGiveATitleItsSetting()
    {
        var job = normalizer.Normalize(Source(), Posting("Analyst III") with { Organization = "City of Example", Department = "Department of Information Technology" }, now);

        Assert.Equal("it-generalist", job.RoleCategory);
        Assert.Contains("organization", job.RoleEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void HostileTitlesAreCleanedAndCapped()
    {
        var title = "<b>Engineer</b>\u0001\u0008 ]]> " + new string('x', 10_000);

        var job = normalizer.Normalize(Source(), Posting(title) with { DescriptionHtml = "<p onclick=\"x()\">Hi</p><script>alert(1)</script>" }, now);

        Assert.DoesNotContain('\u0001', job.Title);
        Assert.True(job.Title.Length <= 500);
        Assert.Equal("<p>Hi</p>", job.DescriptionHtml);
    }

    [Fact]
    public void TheContentHashMovesOnlyWithContent()
    {
        var a = normalizer.Normalize(Source(), Posting(), now);
        var b = normalizer.Normalize(Source(), Posting(), now.AddDays(1));
        var c = normalizer.Normalize(Source(), Posting() with { Salary = new RawSalary(1, 2, SalaryPeriod.Hour, "USD") }, now);

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, c.ContentHash);
    }
}
