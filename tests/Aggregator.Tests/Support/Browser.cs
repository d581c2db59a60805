using Microsoft.Playwright;

namespace Aggregator.Tests.Support;

/// <summary>
/// Debian's Chromium (the <c>chromium</c> package, which tests/run installs) driven by Playwright through its
/// executable path: Playwright's own browser download is never used. Without the package the browser tests skip and
/// say so, except under CI (CI=true), where they fail like every other missing tool.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    IPlaywright? playwright;
    IBrowser? browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Executable))
            return;
        playwright = await Playwright.CreateAsync();
        // Root (CI, containers) can't use Chromium's sandbox; the pages it opens are our own test pages.
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh context (cookies, storage, color scheme, JavaScript on or off) from the shared browser.</summary>
    public async Task<IBrowserContext> ContextAsync(ColorScheme scheme = ColorScheme.Light, bool javaScript = true)
    {
        if (browser is null)
            ExternalTool.Unavailable($"chromium (Debian package chromium) is not installed at {Executable}; tests/run installs it.");
        return await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ColorScheme = scheme,
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
            await browser.DisposeAsync();
        playwright?.Dispose();
    }
}
