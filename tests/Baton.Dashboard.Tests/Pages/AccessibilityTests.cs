using Baton.Dashboard.Tests.Browser;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>axe-core on every page of the dashboard, in the light and the dark theme: no serious or critical violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    [SkippableTheory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task EveryPage_BothThemes_HasNoSeriousOrCriticalViolation(ColorScheme scheme)
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 2);
        var workflow = await dashboard.RunWorkflowAsync("""
            name: Release
            failure_policy: continue
            phases:
              - id: build
                tasks:
                  - name: compile
                    command: 'echo compiled'
              - id: style
                tasks:
                  - name: lint
                    command: 'exit 2'
                    max_retries: 0
              - id: ship
                depends_on: [build]
                requires_approval: true
                tasks:
                  - name: package
                    command: 'echo packed'
            """);
        var tasks = await WorkflowPageTests.TaskIdsAsync(dashboard, workflow);
        await Baton.EndToEnd.Tests.Harness.Eventually.True(
            async () => (await dashboard.WorkflowAsync(workflow)).GetProperty("phases").EnumerateArray()
                .Any(p => p.GetProperty("phase_id").GetString() == "ship" && p.GetProperty("status").GetString() == "input_required"),
            TimeSpan.FromSeconds(30), "the gate to wait");
        var share = await DaemonRest.PostAsync(dashboard.BaseUrl, "/api/v1/shares", new Dictionary<string, string> { ["workflow_id"] = workflow, ["expires_in"] = "1h" });
        var context = await browser.NewContextAsync(scheme);
        var page = await context.NewPageAsync();
        await dashboard.OpenAsync(page, "#/");

        var routes = new (string Route, string Ready, string? Picture)[]
        {
            ("#/", "main h1, main h2", null),
            ("#/work", "main h1", "work"),
            ($"#/tasks/{tasks["lint"]}", "[data-testid=task-page]", null),
            ($"#/workflows/{workflow}", "[data-testid=workflow-graph]", "workflow-gate"),
            ($"#/workflows/{workflow}?view=timeline", "[data-testid=workflow-timeline]", null),
            ("#/agents", "[data-testid=agents-page]", null),
            ("#/notifications", "[data-testid=notifications-page]", "notifications"),
            ("#/webhooks", "[data-testid=webhooks-page]", null),
            ("#/workers", "[data-testid=workers-page]", "workers"),
            ("#/shares", "[data-testid=shares-page]", "shares"),
            ("#/initiatives", "[data-testid=initiatives-page]", null),
            ("#/sessions", "[data-testid=sessions-page]", null),
        };
        var found = new List<string>();
        foreach (var (route, ready, picture) in routes)
        {
            await dashboard.GotoAsync(page, "/" + route);
            await Expect(page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = (float)DashboardDaemon.Shown.TotalMilliseconds });
            found.AddRange(await SeriousAsync(page, route));
            if (picture is not null && scheme == ColorScheme.Light)
            {
                await Screenshots.SaveAsync(page, picture);
            }
        }

        var visitor = await browser.NewPageAsync(scheme);
        await visitor.GotoAsync(share.GetProperty("url").GetString()!);
        await Expect(visitor.GetByTestId("workflow-graph")).ToBeVisibleAsync(new() { Timeout = (float)DashboardDaemon.Shown.TotalMilliseconds });
        found.AddRange(await SeriousAsync(visitor, "/share/…"));
        if (scheme == ColorScheme.Light)
        {
            await Screenshots.SaveAsync(visitor, "share");
        }

        Assert.True(found.Count == 0, $"{scheme}: " + string.Join("\n", found));
        await visitor.Context.CloseAsync();
        await context.CloseAsync();
    }

    private static async Task<IEnumerable<string>> SeriousAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}");
    }
}
