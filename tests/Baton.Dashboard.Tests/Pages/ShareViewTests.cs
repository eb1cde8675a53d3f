using Baton.Dashboard.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>A share link opened by someone without a session: the workflow or task, read-only, without a single button.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ShareViewTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task WorkflowShare_OpenedWithoutSession_ShowsGraphAndTasksWithNoButtons()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 2);
        var id = await dashboard.RunWorkflowAsync("""
            name: Shared
            phases:
              - id: one
                tasks:
                  - name: hello
                    command: 'echo hello-from-the-share'
              - id: two
                depends_on: [one]
                tasks:
                  - name: world
                    command: 'echo world'
            """);
        var tasks = await WorkflowPageTests.TaskIdsAsync(dashboard, id);
        var share = await DaemonRest.PostAsync(dashboard.BaseUrl, "/api/v1/shares", new Dictionary<string, string> { ["workflow_id"] = id, ["expires_in"] = "1h" });
        var url = share.GetProperty("url").GetString()!;
        var page = await browser.NewPageAsync();

        await page.GotoAsync(url);

        await Expect(page.GetByTestId("share-page")).ToHaveAttributeAsync("data-kind", "workflow", new() { Timeout = Ms(DashboardDaemon.Shown) });
        var world = page.GetByTestId($"graph-node-{tasks["world"]}");
        await Expect(world).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = Ms(TimeSpan.FromSeconds(20)) });
        await Expect(page.Locator("button")).ToHaveCountAsync(0);
        await page.GetByTestId($"graph-node-{tasks["hello"]}").ClickAsync();
        await Expect(page.GetByTestId("shared-task")).ToHaveAttributeAsync("data-task", tasks["hello"], new() { Timeout = Ms(DashboardDaemon.Shown) });
        await Expect(page.GetByTestId("shared-result")).ToContainTextAsync("hello-from-the-share");
        await Expect(page.Locator("button, [data-testid=cancel], [data-testid=retry], form")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task TaskShare_Revoked_ShowsNothing()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 1);
        var task = await dashboard.Home.AddAsync("--", "sh", "-c", "echo shared-output");
        await dashboard.Home.WaitTerminalAsync(task, TimeSpan.FromSeconds(20));
        var share = await DaemonRest.PostAsync(dashboard.BaseUrl, "/api/v1/shares", new Dictionary<string, string> { ["task_id"] = task, ["expires_in"] = "1h" });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(share.GetProperty("url").GetString()!);
        await Expect(page.GetByTestId("transcript")).ToContainTextAsync("shared-output", new() { Timeout = Ms(DashboardDaemon.Shown) });
        await Expect(page.Locator("button")).ToHaveCountAsync(0);

        await DaemonRest.PostAsync(dashboard.BaseUrl, $"/api/v1/shares/{share.GetProperty("id").GetString()}/revoke", new Dictionary<string, string>());
        await page.ReloadAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("shows nothing", new() { Timeout = Ms(DashboardDaemon.Shown) });
        await Expect(page.GetByTestId("transcript")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private static float Ms(TimeSpan span) => (float)span.TotalMilliseconds;
}
