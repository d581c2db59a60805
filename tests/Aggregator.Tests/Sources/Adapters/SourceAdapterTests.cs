using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Html;
using Aggregator.Sources.Adapters.Lever;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class SourceAdapterTests
{
    static readonly FetchedContent Page = TestSources.Content("https://example.gov/jobs/1", "<html><body><h1>Job</h1></body></html>"u8.ToArray(), "text/html");

    [Fact]
    public void ADetailRequestWithoutItsPostingIsAnAdapterException()
    {
        var settings = new HtmlSettings { ListUrl = "https://example.gov/jobs", Item = "li", Title = "a", Link = "a", Detail = new HtmlDetailSelectors { Title = "h1" } };
        var context = TestSources.Context("html", settings);

        var error = Assert.Throws<AdapterException>(() => new HtmlAdapter().Parse(context, new FetchRequest(Page.Url) { Kind = "detail" }, Page));

        Assert.Contains("must carry the posting it completes", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://example.gov/jobs/1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADetailResponseCompletesThePostingItCarries()
    {
        var settings = new HtmlSettings { ListUrl = "https://example.gov/jobs", Item = "li", Title = "a", Link = "a", Detail = new HtmlDetailSelectors { Title = "h1" } };
        var listed = new RawPosting { ExternalId = "1", Title = "Listed", Url = Page.Url.AbsoluteUri };

        var page = new HtmlAdapter().Parse(TestSources.Context("html", settings), new FetchRequest(Page.Url) { Kind = "detail", Detail = listed }, Page);

        Assert.Equal(listed with { Title = "Job" }, Assert.Single(page.Postings));
    }

    [Fact]
    public void AnAdapterWithoutDetailPagesRefusesADetailResponse()
    {
        var listed = new RawPosting { ExternalId = "1", Title = "Listed", Url = Page.Url.AbsoluteUri };
        var context = TestSources.Context("lever", new LeverSettings { Company = "palantir" });

        var error = Assert.Throws<AdapterException>(() => new LeverAdapter().Parse(context, new FetchRequest(Page.Url) { Kind = "detail", Detail = listed }, Page));

        Assert.Contains("reads no detail pages", error.Message, StringComparison.Ordinal);
    }
}
