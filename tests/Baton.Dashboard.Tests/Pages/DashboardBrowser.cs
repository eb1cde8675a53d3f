using Baton.EndToEnd.Tests.Harness;
using Microsoft.Playwright;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>
/// Opens the dashboard of any daemon a test started (the agent harness's as well as a <see cref="Browser.DashboardDaemon"/>):
/// signed in through the one-time link of `baton dashboard --print`, the way a person arrives.
/// </summary>
internal static class DashboardBrowser
{
    /// <summary>How long a page may take to show what the daemon already knows.</summary>
    public static readonly TimeSpan Shown = TimeSpan.FromSeconds(10);

    public static async Task<string> OpenAsync(IPage page, BatonHome home, string route = "#/")
    {
        var baseUrl = (await DaemonUrl.ReadAsync(home)).TrimEnd('/');
        var link = await home.RunAsync("dashboard", "--print");
        Assert.True(link.ExitCode == 0, link.ToString());
        var url = link.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Single(line => line.StartsWith("http", StringComparison.Ordinal));
        var signedIn = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.True(signedIn is null || signedIn.Ok, $"the one-time link answered HTTP {signedIn?.Status}");
        var opened = await page.GotoAsync(baseUrl + "/" + route, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.True(opened is null || opened.Ok, $"GET /{route}: HTTP {opened?.Status}");
        await Assertions.Expect(page.GetByTestId("conn-state")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = (float)Shown.TotalMilliseconds });
        return baseUrl;
    }

    /// <summary>Records every dialog (alert, confirm, prompt) the page opens, dismissing it.</summary>
    public static List<string> RecordDialogs(IPage page)
    {
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add(dialog.Type + ": " + dialog.Message);
            }

            _ = dialog.DismissAsync();
        };
        return dialogs;
    }

    /// <summary>Records what the page logs as errors and its uncaught exceptions: a page that works logs none.</summary>
    public static List<string> RecordErrors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("EventSource", StringComparison.Ordinal) && !message.Text.Contains("net::ERR_", StringComparison.Ordinal)
                && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        return errors;
    }
}
