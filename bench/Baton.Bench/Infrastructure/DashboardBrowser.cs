using Microsoft.Playwright;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// Debian's chromium (or BATON_BENCH_CHROMIUM) driven by Playwright, headless, as the dashboard's browser tests use it:
/// Playwright's own browser download is not part of the build.
/// </summary>
internal sealed class DashboardBrowser : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("BATON_BENCH_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"the dashboard scenario needs chromium at {ExecutablePath} (apt-get install chromium, or set BATON_BENCH_CHROMIUM)");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Environment.IsPrivilegedProcess ? ["--no-sandbox"] : [],
            });
            return new DashboardBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh visitor (empty cache, no cookies) at a laptop's size.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, ColorScheme = ColorScheme.Light });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
