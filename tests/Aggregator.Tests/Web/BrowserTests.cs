using System.Xml.Linq;
using Aggregator.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aggregator.Tests.Web;

/// <summary>
/// The pages in a real browser (Debian's Chromium): searching, filtering, paging and opening a job by mouse and by
/// keyboard, copying a feed address and fetching it, the embed on a partner page served from another origin, the
/// frame's height, dark mode, and the same search and subscription with JavaScript off. axe-core checks every page.
/// Set AGGREGATOR_SCREENSHOTS=1 to write each page, light and dark, to docs/screenshots/.
/// </summary>
public sealed class BrowserTests(PostgresFixture postgres, Browser browser) : IAsyncLifetime, IClassFixture<Browser>
{
    JobsHost host = null!;
    WebApplication partner = null!;
    string origin = "";
    string partnerOrigin = "";

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        origin = host.Web.Address.ToString().TrimEnd('/');
        await host.SourceAsync("us-md-baltimore", "Baltimore City", region: "US-MD");
        await host.SourceAsync("us-pa-state", "Commonwealth of Pennsylvania", region: "US-PA", level: "state");
        await host.UpsertAsync("us-md-baltimore",
            JobsHost.Job("us-md-baltimore", "B-1", "Python Developer", postedDaysAgo: 1),
            JobsHost.Job("us-md-baltimore", "B-2", "GIS Analyst", postedDaysAgo: 2, role: "gis") with { Workplace = "remote" },
            JobsHost.Job("us-md-baltimore", "B-3", "GIS Technician", postedDaysAgo: 3, role: "gis"),
            JobsHost.Job("us-md-baltimore", "B-4", "Data Engineer", postedDaysAgo: 4, role: "data-engineering") with { ClosingKind = "continuous", ClosingAt = null });
        await host.UpsertAsync("us-pa-state",
            JobsHost.Job("us-pa-state", "P-1", "Python Developer", postedDaysAgo: 5) with { Region = "US-PA", LocationDisplay = "Harrisburg, PA" });

        // The partner: docs/embed-example.html on another origin (another port), pointed at this service.
        var example = File.ReadAllText(Path.Combine(Repository.Root, "docs", "embed-example.html")).Replace("https://jobs.example.org", origin, StringComparison.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        partner = builder.Build();
        partner.MapGet("/", () => Results.Content(example, "text/html; charset=utf-8"));
        partner.MapGet("/favicon.ico", () => Results.NoContent());
        await partner.StartAsync();
        partnerOrigin = partner.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        await partner.DisposeAsync();
        await host.DisposeAsync();
    }

    async Task<IPage> OpenAsync(string path, ColorScheme scheme = ColorScheme.Light, bool javaScript = true)
    {
        var context = await browser.ContextAsync(scheme, javaScript);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        pageErrors[page] = errors;
        await page.GotoAsync(path.StartsWith("http", StringComparison.Ordinal) ? path : origin + path);
        return page;
    }

    readonly Dictionary<IPage, List<string>> pageErrors = [];

    /// <summary>No console error: a CSP violation (an inline script or style of ours) would show here.</summary>
    void AssertNoConsoleErrors(IPage page) => Assert.Empty(pageErrors[page]);

    [Fact]
    public async Task ASeekerSearchesFiltersPagesAndOpensAJob()
    {
        var page = await OpenAsync("/");
        await page.GetByLabel("Search open jobs").FillAsync("python");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.Locator("li.job h3")).ToHaveTextAsync(["Python Developer", "Python Developer"]);
        Assert.Contains("q=python", page.Url, StringComparison.Ordinal);

        await page.GotoAsync(origin + "/jobs");
        await page.Locator(".facets").GetByRole(AriaRole.Link, new() { Name = "GIS" }).First.ClickAsync();
        await Expect(page.Locator("li.job h3")).ToHaveTextAsync(["GIS Analyst", "GIS Technician"]);
        await page.GetByLabel("Hide continuous postings").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        Assert.Contains("role=gis", page.Url, StringComparison.Ordinal);
        Assert.Contains("continuous=false", page.Url, StringComparison.Ordinal);

        await page.GotoAsync(origin + "/jobs?limit=2");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator("li.job h3")).ToHaveTextAsync(["GIS Technician", "Data Engineer"]);
        await page.GetByRole(AriaRole.Link, new() { Name = "Data Engineer", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Data Engineer");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Apply at us-md-baltimore" })).ToHaveAttributeAsync("href", "https://jobs.example.test/us-md-baltimore/B-4");
        AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task TheKeyboardReachesTheSkipLinkTheSearchAndTheResults()
    {
        var page = await OpenAsync("/jobs");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(":focus")).ToHaveTextAsync("Skip to content");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#q")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("gis");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("li.job h3")).ToHaveCountAsync(2);
        // Empty fields stay out of the address (the script leaves them out of the submission).
        Assert.Equal($"{origin}/jobs?q=gis", page.Url);

        // Tab forward to the first result and open it with Enter.
        var first = await page.Locator("li.job h3").First.TextContentAsync();
        for (var i = 0; i < 80 && await page.EvaluateAsync<string>("() => document.activeElement.textContent") != first; i++)
            await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync(first!);
    }

    [Fact]
    public async Task ACopiedFeedAddressIsTheFeedOfTheseFilters()
    {
        var context = await browser.ContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = origin });
        var page = await context.NewPageAsync();
        await page.GotoAsync(origin + "/jobs?role=gis");

        await page.GetByRole(AriaRole.Button, new() { Name = "Copy Atom feed" }).ClickAsync();
        await Expect(page.Locator("#copy-status")).ToHaveTextAsync("Copied Atom feed.");
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");

        Assert.Equal($"{origin}/feeds/jobs.atom?role=gis", copied);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await host.Client.GetStringAsync(copied));
        Assert.Equal(2, feed.Root!.Elements(atom + "entry").Count());
        var alternate = await page.Locator("link[rel=alternate][type='application/atom+xml']").GetAttributeAsync("href");
        Assert.Equal(copied, alternate);
    }

    [Fact]
    public async Task WithoutJavaScriptTheSearchAndTheSubscriptionStillWork()
    {
        var page = await OpenAsync("/", javaScript: false);
        await page.GetByLabel("Search open jobs").FillAsync("gis");
        await page.GetByLabel("Search open jobs").PressAsync("Enter");
        await Expect(page.Locator("li.job h3")).ToHaveCountAsync(2);
        Assert.Equal(["GIS Analyst", "GIS Technician"], (await page.Locator("li.job h3").AllTextContentsAsync()).Order());
        await page.Locator(".facets").GetByRole(AriaRole.Link, new() { Name = "Remote" }).ClickAsync();
        await Expect(page.Locator("li.job h3")).ToHaveTextAsync(["GIS Analyst"]);

        // The copy buttons need a script, so they stay hidden; the addresses are there to select.
        await Expect(page.Locator("button[data-copy]").First).ToBeHiddenAsync();
        var atom = await page.GetByLabel("Atom feed").InputValueAsync();
        Assert.Equal($"{origin}/feeds/jobs.atom?q=gis&remote=remote", atom);
        Assert.Contains("GIS Analyst", await host.Client.GetStringAsync(atom), StringComparison.Ordinal);

        // The partner's element shows its fallback link.
        var partnerPage = await OpenAsync(partnerOrigin + "/", javaScript: false);
        await Expect(partnerPage.Locator("aggregator-jobs a")).ToHaveAttributeAsync("href", $"{origin}/jobs?role=gis,software-engineering");
        await Expect(partnerPage.Locator("aggregator-jobs a")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ThePartnerPageOnAnotherOriginShowsTheElementThemedThroughPartsAndTheFrameAtItsHeight()
    {
        var page = await OpenAsync(partnerOrigin + "/");

        var items = page.Locator("aggregator-jobs li.aj-item");
        await Expect(items).ToHaveCountAsync(4);
        await Expect(items.First.Locator("a.aj-link")).ToHaveAttributeAsync("href", "https://jobs.example.test/us-md-baltimore/B-1");
        await Expect(page.Locator("aggregator-jobs > a")).ToBeHiddenAsync();
        // ::part(item) and --aj-accent from the partner's stylesheet reach inside the shadow root.
        Assert.Equal("rgb(122, 31, 92)", await items.First.EvaluateAsync<string>("e => getComputedStyle(e).borderLeftColor"));
        Assert.Equal("rgb(122, 31, 92)", await items.First.Locator("a.aj-link").EvaluateAsync<string>("e => getComputedStyle(e).color"));

        // The frame reports its content's height; the page sizes it, and it stays put (no loop).
        var frame = page.Locator("iframe");
        await frame.ScrollIntoViewIfNeededAsync();
        var inner = page.FrameLocator("iframe").Locator("body");
        await Expect(page.FrameLocator("iframe").Locator("li.aj-item")).ToHaveCountAsync(2);
        await Expect(frame).Not.ToHaveAttributeAsync("height", "480");
        var content = await inner.EvaluateAsync<double>("b => b.getBoundingClientRect().height");
        var height = double.Parse((await frame.GetAttributeAsync("height"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(height, Math.Ceiling(content) - 1, Math.Ceiling(content) + 1);
        await page.WaitForTimeoutAsync(1000);
        Assert.Equal(height.ToString(System.Globalization.CultureInfo.InvariantCulture), await frame.GetAttributeAsync("height"));
        AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task DarkModeFollowsTheReadersPreferenceOnPagesAndInTheEmbed()
    {
        var light = await OpenAsync("/jobs");
        Assert.Equal("rgb(255, 255, 255)", await light.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).backgroundColor"));

        var dark = await OpenAsync("/jobs", ColorScheme.Dark);
        Assert.Equal("rgb(15, 20, 25)", await dark.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).backgroundColor"));

        var frame = await OpenAsync("/embed/frame?role=gis", ColorScheme.Dark);
        Assert.Equal("rgb(22, 27, 34)", await frame.Locator(".aj").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        var fixedLight = await OpenAsync("/embed/frame?role=gis&theme=light", ColorScheme.Dark);
        Assert.Equal("rgb(255, 255, 255)", await fixedLight.Locator(".aj").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
    }

    public static TheoryData<string, string> Pages => new()
    {
        { "search", "/jobs" },
        { "search-filtered", "/jobs?role=gis&continuous=false" },
        { "job", "/jobs/{id}" },
        { "sources", "/sources" },
        { "not-found", "/jobs/987654321" },
        { "embed-frame", "/embed/frame?role=gis" },
        { "partner", "partner" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task AxeFindsNoSeriousOrCriticalViolationLightOrDark(string name, string path)
    {
        if (path.Contains("{id}", StringComparison.Ordinal))
            path = path.Replace("{id}", (await host.ScalarAsync<long>("select id from jobs where external_id = 'B-1'")).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var url = path == "partner" ? partnerOrigin + "/" : origin + path;
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await OpenAsync(url, scheme);
            if (path == "partner")
                await Expect(page.Locator("aggregator-jobs li.aj-item")).ToHaveCountAsync(4);
            // The subscribe panel's embed code is inside <details>: open it so axe sees it too.
            if (await page.Locator("details.embed-code").CountAsync() > 0)
                await page.Locator("details.embed-code summary").ClickAsync();
            AxeResult result = await page.RunAxe();
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target.ToString()))}").ToList();
            Assert.True(serious.Count == 0, $"{name} ({scheme}): {string.Join("\n", serious)}");
            // The not-found page's own 404 is the one resource error a browser reports there.
            if (path is not ("partner" or "/jobs/987654321"))
                AssertNoConsoleErrors(page);
            if (Environment.GetEnvironmentVariable("AGGREGATOR_SCREENSHOTS") == "1")
                await page.ScreenshotAsync(new() { Path = Path.Combine(Repository.Root, "docs", "screenshots", $"{name}-{scheme.ToString().ToLowerInvariant()}.png"), FullPage = true });
        }
    }
}
