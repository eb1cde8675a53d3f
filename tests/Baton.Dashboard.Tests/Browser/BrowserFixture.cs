using Microsoft.Playwright;

namespace Baton.Dashboard.Tests.Browser;

/// <summary>
/// One headless chromium for all browser tests: the system's browser (Debian's chromium, or the one named by
/// BATON_TEST_CHROMIUM), since Playwright's own browser download is not part of the build. Without it the tests skip
/// with the reason instead of passing silently.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The chromium executable the tests launch.</summary>
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("BATON_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? MissingReason { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            MissingReason = $"no chromium at {ExecutablePath} (install Debian's chromium or set BATON_TEST_CHROMIUM)";
            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Chromium refuses to start its sandbox as root (CI runs as root); the pages it opens are the tests' own.
            Args = Environment.IsPrivilegedProcess ? ["--no-sandbox"] : [],
        });
    }

    /// <summary>Skips the calling test when chromium is missing.</summary>
    public void SkipIfMissing() => Skip.If(MissingReason is not null, MissingReason);

    /// <summary>A fresh browser context (its own cookies) at desktop width in the given colour scheme.</summary>
    public async Task<IBrowserContext> NewContextAsync(ColorScheme colorScheme = ColorScheme.Light, int width = 1280, int height = 800)
    {
        SkipIfMissing();
        return await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
    }

    /// <summary>A page of its own context, as a fresh visitor sees it.</summary>
    public async Task<IPage> NewPageAsync(ColorScheme colorScheme = ColorScheme.Light, int width = 1280, int height = 800)
    {
        var context = await NewContextAsync(colorScheme, width, height);
        return await context.NewPageAsync();
    }

    /// <summary>Playwright's HTTP client, for requests a page could not make (a foreign Origin header).</summary>
    public async Task<IAPIRequestContext> NewRequestAsync(string baseUrl, IDictionary<string, string>? headers = null)
    {
        SkipIfMissing();
        return await playwright!.APIRequest.NewContextAsync(new APIRequestNewContextOptions
        {
            BaseURL = baseUrl,
            ExtraHTTPHeaders = headers?.ToDictionary(),
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
