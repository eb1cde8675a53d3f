using System.Text.Json.Nodes;
using Baton.Dashboard.Tests.Browser;
using Baton.EndToEnd.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>
/// A daemon that requires tokens from everyone: the page asks for one, the session it opens can act (its CSRF token
/// goes with every write), and signing out asks again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task SignIn_WithAnApiToken_OpensASessionThatActsAndSignsOut()
    {
        browser.SkipIfMissing();
        using var home = new BatonHome();
        var config = Path.Combine(home.Dir, "baton.json");
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(config))!.AsObject();
        settings["require_tokens"] = true;
        await File.WriteAllTextAsync(config, settings.ToJsonString());
        var created = await home.RunAsync("token", "create", "--name", "alice", "--scope", "write", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var daemon = await home.StartDaemonAsync(workers: 1);
        var baseUrl = (await DaemonUrl.ReadAsync(home)).TrimEnd('/');
        var page = await browser.NewPageAsync();
        var errors = DashboardBrowser.RecordErrors(page);

        await page.GotoAsync(baseUrl + "/#/");
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await page.GetByTestId("sign-in-token").FillAsync("baton_not-a-real-token");
        await page.GetByTestId("sign-in-submit").ClickAsync();
        await Expect(page.GetByTestId("sign-in").GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await page.GetByTestId("sign-in-token").FillAsync(created.Json.GetProperty("token").GetString()!);
        await page.GetByTestId("sign-in-submit").ClickAsync();

        await Expect(page.GetByTestId("who")).ToContainTextAsync("alice");
        await Expect(page.GetByTestId("conn-state")).ToHaveAttributeAsync("data-state", "live");
        var id = await AddAsync(home, "sleep", "600");
        await page.GotoAsync($"{baseUrl}/#/tasks/{id}");
        await Expect(page.GetByTestId("task-status")).ToHaveAttributeAsync("data-status", "running", new() { Timeout = 15_000 });
        await page.GetByTestId("cancel").ClickAsync();
        await page.GetByTestId("cancel-confirm").ClickAsync();
        await Expect(page.GetByTestId("task-status")).ToHaveAttributeAsync("data-status", "cancelled", new() { Timeout = 15_000 });

        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    private static async Task<string> AddAsync(BatonHome home, params string[] command)
    {
        var result = await home.RunAsync(["task", "add", "--json", "--no-start", "--", .. command], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json.GetProperty("task_id").GetString()!;
    }
}
