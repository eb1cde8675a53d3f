using Baton.Dashboard.Tests.Browser;
using Baton.EndToEnd.Tests.Sessions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>
/// The Sessions page over a store seeded with agent runs (two sessions, capsules saved in one): runner, agent, where
/// it worked, the tasks that used it, tokens, cost and its latest capsule as text; the filters by agent and by task;
/// the task page's session linking here.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionsPageTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveCountOptions Counted = new() { Timeout = (float)DashboardDaemon.Shown.TotalMilliseconds };

    [SkippableFact]
    public async Task Sessions_SeededAgentRuns_ShowUsageTasksAndTheLatestCapsuleAndFilter()
    {
        browser.SkipIfMissing();
        (string Design, string Review, string Audit) seeded = default;
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 1, prepare: async home => seeded = await SessionSeed.SeedAsync(home.DatabasePath));
        var page = await browser.NewPageAsync();
        var errors = DashboardBrowser.RecordErrors(page);
        await dashboard.OpenAsync(page, "#/sessions");

        await Expect(page.GetByTestId("session")).ToHaveCountAsync(2, Counted);
        await Expect(page.GetByTestId("session").First).ToHaveAttributeAsync("data-id", "sess-e2e-a");
        var a = page.Locator("[data-testid=session][data-id=sess-e2e-a]");
        await Expect(a.GetByTestId("session-agent")).ToHaveTextAsync("architect on claude");
        await Expect(a.GetByTestId("session-where")).ToHaveTextAsync("/srv/project");
        await Expect(a.GetByTestId("session-task")).ToHaveCountAsync(2);
        await Expect(a.GetByTestId("session-task").First).ToHaveAttributeAsync("href", $"#/tasks/{seeded.Design}");
        await Expect(a.GetByTestId("session-tasks")).ToContainTextAsync("2 attempts in all");
        await Expect(a.GetByTestId("session-tokens")).ToContainTextAsync("3.0k");
        await Expect(a.GetByTestId("session-cost")).ToHaveTextAsync("$1.00");
        await Expect(a.GetByTestId("capsule-current")).ToHaveTextAsync("Current task: Review the schema");
        await Expect(a.GetByTestId("capsule-next")).ToHaveTextAsync("check the indexes");
        await Expect(a.GetByTestId("capsule-done")).ToHaveTextAsync("read the migration");
        await Expect(a.GetByTestId("capsule-decision")).ToHaveTextAsync("keep SQLite as default");
        await Expect(a.GetByTestId("capsule-decisions")).ToContainTextAsync("because one file, no server");
        await Expect(a.GetByTestId("capsule-files")).ToHaveTextAsync("src/Schema.sql");
        await Expect(page.Locator("[data-testid=session][data-id=sess-e2e-b] [data-testid=capsule]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=session][data-id=sess-e2e-b] [data-testid=session-cost]")).ToHaveTextAsync("≈$0.50");
        await Expect(page.GetByTestId("nav-sessions")).ToHaveAttributeAsync("aria-current", "page");
        await Screenshots.SaveAsync(page, "sessions");
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        await page.GetByTestId("sessions-agent").FillAsync("reviewer");
        await page.GetByTestId("sessions-apply").ClickAsync();
        await Expect(page.GetByTestId("session")).ToHaveCountAsync(1, Counted);
        await Expect(page.GetByTestId("session")).ToHaveAttributeAsync("data-id", "sess-e2e-b");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/sessions\\?agent=reviewer$"));

        // The task page's session goes to the sessions that task used.
        await dashboard.GotoAsync(page, $"/#/tasks/{seeded.Review}");
        await page.GetByTestId("task-session").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/sessions\\?task={seeded.Review}$"));
        await Expect(page.GetByTestId("session")).ToHaveCountAsync(1, Counted);
        await Expect(page.GetByTestId("session")).ToHaveAttributeAsync("data-id", "sess-e2e-a");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Sessions_NoneRecorded_SaysWhereTheyComeFrom()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 1);
        var page = await browser.NewPageAsync();
        await dashboard.OpenAsync(page, "#/sessions");

        await Expect(page.GetByTestId("sessions-empty")).ToContainTextAsync("baton run --agent");
        await page.Context.CloseAsync();
    }
}
