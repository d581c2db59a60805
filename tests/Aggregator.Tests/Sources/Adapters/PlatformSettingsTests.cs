using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Greenhouse;
using Aggregator.Sources.Adapters.Html;
using Aggregator.Sources.Adapters.Rss;
using Aggregator.Sources.Adapters.UkCsj;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class PlatformSettingsTests
{
    [Theory]
    [InlineData("/mirror/")]
    [InlineData("ftp://mirror.example.gov/")]
    public void EveryBlockRefusesABaseUrlThatIsNotAbsoluteHttp(string baseUrl)
    {
        var error = Assert.Single(new GreenhouseSettings { Board = "navapbc", BaseUrl = baseUrl }.Validate());

        Assert.Equal("base_url", error.Key);
        Assert.Contains("absolute http(s)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("US$")]
    [InlineData("")]
    public void CurrencyMustBeAnIso4217Code(string currency) =>
        Assert.Equal("currency", Assert.Single(new RssSettings { Url = "https://example.gov/feed", Currency = currency }.Validate()).Key);

    [Theory]
    [InlineData("nava pbc")]
    [InlineData("../admin")]
    public void NamesThatGoIntoUrlPathsAreChecked(string board) =>
        Assert.Equal("board", Assert.Single(new GreenhouseSettings { Board = board }.Validate()).Key);

    [Fact]
    public void ARelativeUrlNeedsABaseUrl()
    {
        Assert.Contains("no base_url is set", Assert.Single(new HtmlSettings { ListUrl = "/jobs", Item = "li", Title = "a", Link = "a" }.Validate()).Message, StringComparison.Ordinal);
        Assert.Empty(new HtmlSettings { ListUrl = "/jobs", Item = "li", Title = "a", Link = "a", BaseUrl = "https://example.gov" }.Validate());
    }

    [Fact]
    public void AConfiguredUrlFallsBackToThePlatformOrigin()
    {
        var settings = new UkCsjSettings { SearchUrl = "csr/index.cgi" };

        Assert.Equal("https://www.civilservicejobs.service.gov.uk/csr/index.cgi", settings.Configured(settings.SearchUrl, UkCsjSettings.DefaultBaseUrl).AbsoluteUri);
        Assert.Throws<InvalidOperationException>(() => settings.Configured(settings.SearchUrl));
    }
}
