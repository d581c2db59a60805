using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Rss;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class DateTextTests
{
    static readonly SourceContext Detroit = TestSources.Context("rss", new RssSettings(), "America/Detroit");

    [Fact]
    public void ADateAloneClosesAtTheEndOfThatDayInTheSourceZone()
    {
        Assert.Equal(new DateTimeOffset(2019, 2, 24, 4, 59, 59, TimeSpan.Zero), DateText.Closing("2019-02-23", Detroit));
        Assert.Equal(new DateTimeOffset(2019, 2, 23, 5, 0, 0, TimeSpan.Zero), DateText.Instant("2019-02-23", Detroit));
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("9999-12-31T00:00:00Z")]
    [InlineData("12/31/9999")]
    public void TheNoEndDateIsContinuousAndNoInstant(string text)
    {
        var tokyo = TestSources.Context("rss", new RssSettings(), "Asia/Tokyo");

        // East of UTC its end of day would be past DateTimeOffset.MaxValue; it means "no end", not a day.
        Assert.Null(DateText.Closing(text, tokyo));
        Assert.Null(DateText.Closing(text, Detroit));
        Assert.Null(DateText.Iso(text));
        Assert.Equal(ClosingKind.Continuous, DateText.ClosingKindOf(text));
        Assert.Equal(ClosingKind.Date, DateText.ClosingKindOf("2026-12-31"));
    }

    [Theory]
    [InlineData("Fri Dec 31 00:00:00 UTC 9999")]
    [InlineData("Fri, 31 Dec 9999 00:00:00 GMT")]
    public void TheNoEndDateIsRecognisedInEveryShapeDateTextReads(string text)
    {
        Assert.True(DateText.IsNoEnd(text));
        Assert.Null(DateText.Parse(text));
        Assert.Equal(ClosingKind.Continuous, DateText.ClosingKindOf(text));
        Assert.False(DateText.IsNoEnd("Wed Oct 14 04:00:00 UTC 2026"));
        Assert.False(DateText.IsNoEnd("Continuous"));
    }

    [Fact]
    public void ExactReadsOnlyTheGivenFormats()
    {
        string[] formats = ["MM/dd/yy"];

        Assert.Equal(new DateTime(2019, 2, 4), DateText.Exact("02/04/19", formats)?.Value);
        Assert.Null(DateText.Exact("Feb 4, 2019", formats));
        Assert.NotNull(DateText.Parse("Feb 4, 2019", formats));
    }

    [Fact]
    public void IsoKeepsTicksExactlyAndRefusesProse()
    {
        Assert.Equal(new DateTime(2024, 1, 12, 23, 59, 59).AddTicks(9_970_000), DateText.Iso("2024-01-12T23:59:59.9970")?.Value);
        Assert.Null(DateText.Iso("12 January 2024"));
    }

    [Fact]
    public void AMidnightTimestampIsReadAsItsDate()
    {
        var closing = DateText.Iso("2018-09-11T00:00:00Z")!.Value.MidnightAsDate();

        Assert.Equal(new DateTimeOffset(2018, 9, 12, 3, 59, 59, TimeSpan.Zero), closing.Closing(Detroit));
        Assert.Equal(new DateTimeOffset(2018, 9, 11, 4, 0, 0, TimeSpan.Zero), closing.Instant(Detroit));
        Assert.Equal(new DateTimeOffset(2018, 9, 11, 18, 30, 0, TimeSpan.Zero), DateText.Iso("2018-09-11T18:30:00Z")!.Value.MidnightAsDate().Closing(Detroit));
    }

    [Fact]
    public void AnAssumedOffsetAppliesOnlyWhereTheTextHasNone()
    {
        Assert.Equal(new DateTimeOffset(2026, 7, 14, 6, 59, 0, TimeSpan.Zero), DateText.Parse("Tue, 14 Jul 2026 06:59:00:0")!.Value.AssumingOffset(TimeSpan.Zero).Instant(Detroit));
        Assert.Equal(new DateTimeOffset(2026, 7, 14, 10, 59, 0, TimeSpan.Zero), DateText.Parse("Tue, 14 Jul 2026 06:59:00 EDT")!.Value.AssumingOffset(TimeSpan.Zero).Instant(Detroit));
    }

    [Fact]
    public void JavaDateToStringIsReadWithItsZoneAndUnknownZonesAreRefused()
    {
        // SuccessFactors microdata: datePosted and validThrough as Java's Date.toString().
        Assert.Equal(new DateTimeOffset(2026, 10, 14, 4, 0, 0, TimeSpan.Zero), DateText.Closing("Wed Oct 14 04:00:00 UTC 2026", Detroit));
        Assert.Equal(new DateTimeOffset(2026, 9, 29, 5, 0, 0, TimeSpan.Zero), DateText.Instant("Tue Sep 29 00:00:00 CDT 2026", Detroit));
        Assert.Null(DateText.Parse("Tue Sep 29 00:00:00 XYZ 2026"));
    }
}
