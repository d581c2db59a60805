using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Greenhouse;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class GreenhouseAdapterTests
{
    readonly GreenhouseAdapter adapter = new();

    static SourceContext Board(string board, bool payRanges = false) =>
        TestSources.Context("greenhouse", new GreenhouseSettings { Board = board, PayRanges = payRanges }, "America/New_York", country: "US");

    AdapterPage List(SourceContext context, byte[] body, string? mediaType = "application/json")
    {
        var request = adapter.Start(context).Single();
        return adapter.Parse(context, request, TestSources.Content(request.Url.ToString(), body, mediaType));
    }

    [Fact]
    public void StartsWithTheBoardsJobsWithContent()
    {
        Assert.Equal("https://boards-api.greenhouse.io/v1/boards/navapbc/jobs?content=true", adapter.Start(Board("navapbc")).Single().Url.ToString());
    }

    [Fact]
    public void ReadsTheGitlabBoardWithOffsetTimesInUtcAndDecodedContent()
    {
        var page = List(Board("gitlab"), Corpus.Bytes("greenhouse", "boards_api_gitlab_jobs_content_true.json"));

        Assert.Equal(167, page.ExpectedTotal);
        Assert.Empty(page.Next);
        Assert.Equal(2, page.Postings.Count);
        var italy = page.Postings[0];
        Assert.Equal("8503792002", italy.ExternalId);
        Assert.Equal("Account Executive - Italy", italy.Title);
        Assert.Equal("https://job-boards.greenhouse.io/gitlab/jobs/8503792002", italy.Url);
        Assert.Equal("GitLab", italy.Organization);
        Assert.Equal("EMEA - Commercial", italy.Department);
        Assert.Equal(new DateTimeOffset(2026, 4, 17, 9, 58, 3, TimeSpan.Zero), italy.PostedAt);
        Assert.Null(italy.ClosingAt);
        Assert.Null(italy.Salary);
        Assert.Equal("Remote, Italy", italy.LocationText);
        Assert.Equal(Workplace.Remote, italy.Workplace);
        Assert.Equal("Italy", Assert.Single(italy.Locations).Text);
        Assert.StartsWith("<div class=\"content-intro\"><p>GitLab is the intelligent orchestration platform", italy.DescriptionHtml);
        Assert.DoesNotContain("&lt;", italy.DescriptionHtml);

        var engineer = page.Postings[1];
        Assert.Equal("8565469002", engineer.ExternalId);
        Assert.Equal("AI Engineer", engineer.Title);
        Assert.Equal(new DateTimeOffset(2026, 5, 29, 11, 49, 29, TimeSpan.Zero), engineer.PostedAt);
        Assert.Equal("Remote, US", engineer.LocationText);
        Assert.Equal(Workplace.Remote, engineer.Workplace);
        Assert.Equal("United States of America", Assert.Single(engineer.Locations).Text);
    }

    [Fact]
    public void ReadsTheSmarterDxBoardWithTrimmedTitlesAndDepartments()
    {
        var page = List(Board("smarterdx"), Corpus.Bytes("greenhouse", "boards_api_smarterdx_jobs_content_true.json"));

        Assert.Equal(11, page.ExpectedTotal);
        Assert.Equal(["5193736007", "5099964007"], page.Postings.Select(p => p.ExternalId));
        var analyst = page.Postings[0];
        Assert.Equal("Client Support Analyst I", analyst.Title);
        Assert.Equal("https://job-boards.greenhouse.io/smarterdx/jobs/5193736007", analyst.Url);
        Assert.Equal("Customer Success", analyst.Department);
        Assert.Equal(new DateTimeOffset(2026, 7, 27, 17, 48, 30, TimeSpan.Zero), analyst.PostedAt);
        Assert.Equal("Remote (United States)", analyst.LocationText);
        Assert.Equal(Workplace.Remote, analyst.Workplace);
        var coder = page.Postings[1];
        Assert.Equal("Clinical Coding Specialist", coder.Title);
        Assert.Equal("Clinical Operations", coder.Department);
        Assert.Equal(new DateTimeOffset(2026, 4, 6, 13, 38, 12, TimeSpan.Zero), coder.PostedAt);
    }

    [Fact]
    public void ContentIsDecodedExactlyOnceAndADateOnlyDeadlineEndsThatDayInTheSourceZone()
    {
        var posting = Assert.Single(List(Board("civicfixture"), Fixtures.Bytes("greenhouse", "board_small.json")).Postings);

        // "&amp;amp;" in the JSON is "&amp;" in the HTML: decoding twice would lose the escape.
        Assert.Equal("<p>Help states deliver benefits &amp; services.</p>", posting.DescriptionHtml);
        Assert.Equal(new DateTimeOffset(2026, 12, 16, 4, 59, 59, TimeSpan.Zero), posting.ClosingAt);
        Assert.Equal(Workplace.Hybrid, posting.Workplace);
        Assert.Equal("Washington, District of Columbia, United States", Assert.Single(posting.Locations).Text);
    }

    [Fact]
    public void PayRangesSettingTurnsEachPostingIntoADetailRequest()
    {
        var context = Board("civicfixture", payRanges: true);

        var page = List(context, Fixtures.Bytes("greenhouse", "board_small.json"));

        Assert.Empty(page.Postings);
        var detail = Assert.Single(page.Next);
        Assert.Equal("detail", detail.Kind);
        Assert.Equal("https://boards-api.greenhouse.io/v1/boards/civicfixture/jobs/7001001?pay_transparency=true", detail.Url.ToString());
        Assert.Equal("7001001", detail.Detail?.ExternalId);
    }

    [Fact]
    public void DetailResponseAddsThePayRangeInDollarsFromCents()
    {
        var context = Board("civicfixture", payRanges: true);
        var detail = adapter.Parse(context, adapter.Start(context).Single(),
            TestSources.Content("https://boards-api.greenhouse.io/v1/boards/civicfixture/jobs?content=true", Fixtures.Bytes("greenhouse", "board_small.json"))).Next.Single();

        var posting = Assert.Single(adapter.Parse(context, detail, TestSources.Content(detail.Url.ToString(), Fixtures.Bytes("greenhouse", "job_with_pay_range.json"))).Postings);

        Assert.Equal(new RawSalary(145000m, 172500.50m, SalaryPeriod.Year, "USD") { Text = "Annual base salary" }, posting.Salary);
        Assert.Equal("Senior Product Manager, Benefits Delivery", posting.Title);
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 13, 0, 0, TimeSpan.Zero), posting.PostedAt);
    }

    [Fact]
    public void HtmlErrorPageWhereJsonWasExpectedIsAnAdapterException()
    {
        var error = Assert.Throws<AdapterException>(() => List(Board("gitlab"), Fixtures.Bytes("greenhouse", "gateway_error.html"), "text/html"));

        Assert.Contains("https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true", error.Message);
        Assert.Contains("expected JSON but got HTML/XML starting '<html>'", error.Message);
    }

    [Fact]
    public void JsonWithoutAJobsArrayIsAnAdapterException()
    {
        var error = Assert.Throws<AdapterException>(() => List(Board("gitlab"), "{\"status\":404,\"error\":\"Job board not found\"}"u8.ToArray()));

        Assert.Contains("no \"jobs\" array", error.Message);
        Assert.Contains("status, error", error.Message);
    }

    [Fact]
    public void MissingBoardIsASettingsErrorOnItsKey()
    {
        Assert.Equal("board", Assert.Single(new GreenhouseSettings().Validate()).Key);
    }
}
