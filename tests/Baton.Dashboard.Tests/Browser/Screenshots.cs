using Baton.EndToEnd.Tests.Harness;
using Microsoft.Playwright;

namespace Baton.Dashboard.Tests.Browser;

/// <summary>
/// The README's pictures of the dashboard, taken by the tests that reach each page in the state worth showing.
/// Written to docs/screenshots/ only when BATON_SCREENSHOTS=1, so ordinary runs leave the worktree clean.
/// </summary>
internal static class Screenshots
{
    public static bool Enabled => Environment.GetEnvironmentVariable("BATON_SCREENSHOTS") == "1";

    public static string Folder => Path.Combine(BatonExecutable.RepositoryRoot, "docs", "screenshots");

    /// <summary>Saves the page as docs/screenshots/NAME.png at 1280x800 in the light theme.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        if (!Enabled)
        {
            return;
        }

        await page.SetViewportSizeAsync(1280, 800);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), Type = ScreenshotType.Png });
    }
}
