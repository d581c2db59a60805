using Aggregator.Sources.Adapters;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class WebTextTests
{
    [Fact]
    public void FromHtmlJoinsTextSplitAcrossElementsAndDecodesEntities()
    {
        Assert.Equal("$50,000 - $60,000 &", WebText.Clean(WebText.FromHtml("<p><b>$50,000</b> - <b>$60,000</b> &amp;</p>")));
        Assert.Null(WebText.FromHtml(null));
    }

    [Theory]
    [InlineData("ORA_ON_SITE", Workplace.OnSite)]
    [InlineData("ORA_HYBRID", Workplace.Hybrid)]
    [InlineData("ORA_REMOTE", Workplace.Remote)]
    [InlineData("Office/On-Site", Workplace.OnSite)]
    [InlineData("Hybrid", Workplace.Hybrid)]
    [InlineData("Fully Remote", Workplace.Remote)]
    [InlineData("Telework", Workplace.Remote)]
    public void WorkplaceOfReadsCodesAndLabels(string text, Workplace expected) => Assert.Equal(expected, WebText.WorkplaceOf(text));

    [Fact]
    public void WorkplaceOfIsNullForAnythingElse()
    {
        Assert.Null(WebText.WorkplaceOf(null));
        Assert.Null(WebText.WorkplaceOf(""));
        Assert.Null(WebText.WorkplaceOf("Full time"));
    }
}
