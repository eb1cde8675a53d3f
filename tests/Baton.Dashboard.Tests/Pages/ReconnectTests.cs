using Baton.Dashboard.Tests.Browser;
using Baton.EndToEnd.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>
/// The live stream across a daemon restart: the page says it is reconnecting, and once the daemon is back it shows
/// what happened meanwhile (the events after the last one it saw), without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task DaemonRestart_WhileTheWorkPageIsOpen_ShowsReconnectingThenCatchesUp()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 1);
        var before = await dashboard.Home.AddAsync("--no-start", "--name", "before-the-gap", "--", "true");
        var page = await browser.NewPageAsync();
        await DashboardBrowser.OpenAsync(page, dashboard.Home, "#/work");
        await Expect(page.Locator($"[data-testid=task-row][data-task='{before}']")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        dashboard.Daemon.Terminate();
        Assert.True(await dashboard.Daemon.WaitForExitAsync(TimeSpan.FromSeconds(30)) >= 0);
        await Expect(page.GetByTestId("conn-state")).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("reconnect-banner")).ToBeVisibleAsync();
        // Queued by a CLI that finds no daemon and starts one in the background, on the address the page knows: the
        // task's events are written while the page is still waiting to reconnect.
        var added = await dashboard.Home.RunAsync(
            ["task", "add", "--json", "--name", "during-the-gap", "--", "true"], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["BATON_URLS"] = dashboard.BaseUrl });
        Assert.True(added.ExitCode == 0, added.ToString());
        var during = added.Json.GetProperty("task_id").GetString();

        await Expect(page.GetByTestId("conn-state")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("reconnect-banner")).ToHaveCountAsync(0);
        await Expect(page.Locator($"[data-testid=task-row][data-task='{during}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid=task-row][data-task='{during}']")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        await page.Context.CloseAsync();
    }
}
