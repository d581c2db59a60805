using Aggregator.Sources.Adapters;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class SalaryTextTests
{
    [Theory]
    [InlineData("Year", SalaryPeriod.Year)]
    [InlineData("ANNUALLY", SalaryPeriod.Year)]
    [InlineData("Annual base salary (tier 2)", SalaryPeriod.Year)]
    [InlineData("HOUR", SalaryPeriod.Hour)]
    [InlineData("Bi-Weekly", SalaryPeriod.Biweekly)]
    [InlineData("Semi-Monthly", SalaryPeriod.SemiMonthly)]
    [InlineData("per month", SalaryPeriod.Month)]
    [InlineData("Pay range", SalaryPeriod.Unknown)]
    [InlineData(null, SalaryPeriod.Unknown)]
    public void UnitReadsUnitFieldsAndShortLabels(string? text, SalaryPeriod expected) => Assert.Equal(expected, SalaryText.Unit(text));

    [Theory]
    [InlineData("59334", 59334)]
    [InlineData("4,512.80", 4512.80)]
    [InlineData("$100,000", 100000)]
    [InlineData("45k", 45000)]
    public void AmountReadsAFigureWithItsMarks(string text, double expected) => Assert.Equal((decimal)expected, SalaryText.Amount(text));

    [Fact]
    public void AmountWithoutAFigureIsNone() => Assert.Null(SalaryText.Amount("Depends on qualifications"));

    [Theory]
    [InlineData("Not Displayed")]
    [InlineData("Depends on qualifications")]
    public void ASalaryFieldWithoutAnAmountKeepsItsWordingAlone(string text) =>
        Assert.Equal(new RawSalary(null, null, SalaryPeriod.Unknown, "USD") { Text = text }, SalaryText.Parse(text, "USD"));

    [Fact]
    public void APayTableGivesEachAmountItsColumnsPeriod()
    {
        // Oklahoma's Workday descriptions, tags dropped: a header row of periods over a row of amounts.
        const string table = "Compensation Monthly/Annual Salary: Monthly Annual Level III (Pay Band L) $5,920.92 $71,051.04 Job Description Basic Purpose";

        Assert.Equal(new RawSalary(5920.92m, 5920.92m, SalaryPeriod.Month, "USD") { Text = "$5,920.92 Monthly" }, SalaryText.Find(table, "USD"));
    }

    [Fact]
    public void AHeaderRowWithAnotherNumberOfColumnsNamesNoPeriod()
    {
        const string table = "Hourly Monthly Annual Level I $5,920.92 $71,051.04";

        Assert.Equal(SalaryPeriod.Unknown, SalaryText.Find(table, "USD")!.Period);
        Assert.Equal(new RawSalary(4000m, 5000m, SalaryPeriod.Month, "USD") { Text = "$4,000 - $5,000 per month" },
            SalaryText.Find("Annual Monthly review. Pay is $4,000 - $5,000 per month.", "USD"));
    }
}
