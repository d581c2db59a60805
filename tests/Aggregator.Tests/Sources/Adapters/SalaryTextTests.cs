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
}
