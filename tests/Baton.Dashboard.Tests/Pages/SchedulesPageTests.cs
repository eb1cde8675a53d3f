using System.Text.Json;
using System.Text.RegularExpressions;
using Baton.Dashboard.Tests.Browser;
using Baton.EndToEnd.Tests.Harness;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>
/// The Schedules page: schedules added over REST shown with their next occurrences, one paused from the page with a
/// note, another triggered with its fired occurrence linking to the task; a read session sees no button that writes;
/// no serious axe violation in either theme.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SchedulesPageTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveCountOptions Counted = new() { Timeout = (float)DashboardDaemon.Shown.TotalMilliseconds };

    [SkippableFact]
    public async Task Schedules_IntervalAndCronInAZone_ShownPausedWithANoteAndTriggeredToATask()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 2);
        await AddAsync(dashboard, "hourly", "every", "1h", "echo hourly");
        await AddAsync(dashboard, "berlin-mondays", "cron", "0 9 * * 1", "echo triggered", "Europe/Berlin");
        var page = await browser.NewPageAsync();
        var errors = DashboardBrowser.RecordErrors(page);
        await dashboard.OpenAsync(page, "#/schedules");

        await Expect(page.GetByTestId("schedule-row")).ToHaveCountAsync(2, Counted);
        var hourly = Row(page, "hourly");
        var berlin = Row(page, "berlin-mondays");
        await Expect(hourly.GetByTestId("schedule-when")).ToContainTextAsync("every 1h");
        await Expect(hourly.GetByTestId("schedule-next")).ToContainTextAsync("in ");
        await Expect(berlin.GetByTestId("schedule-when")).ToContainTextAsync("0 9 * * 1");
        await Expect(berlin.GetByTestId("schedule-when")).ToContainTextAsync("Europe/Berlin");
        await Expect(berlin.GetByTestId("schedule-next")).ToContainTextAsync("in ");
        await Expect(berlin.GetByTestId("schedule-runs")).ToHaveTextAsync("sh -c 'echo triggered'");
        await Expect(page.GetByTestId("nav-schedules")).ToHaveAttributeAsync("aria-current", "page");

        await hourly.GetByTestId("schedule-link").ClickAsync();
        var detail = page.GetByTestId("schedule-detail");
        await Expect(detail).ToContainTextAsync("hourly");
        await Expect(detail.GetByTestId("next-occurrence")).ToHaveCountAsync(10, Counted);
        await detail.GetByTestId("schedule-pause").ClickAsync();
        await detail.GetByTestId("schedule-pause-note").FillAsync("database maintenance");
        await detail.GetByTestId("schedule-pause-confirm").ClickAsync();

        await Expect(hourly.GetByTestId("schedule-note")).ToContainTextAsync("database maintenance");
        await Expect(detail.GetByTestId("schedule-resume")).ToBeVisibleAsync();
        var paused = await DaemonRest.GetAsync(dashboard.BaseUrl, "/api/v1/schedules/hourly");
        Assert.True(paused.GetProperty("paused").GetBoolean(), paused.ToString());
        Assert.Equal("database maintenance", paused.GetProperty("pause_note").GetString());
        var berlinBefore = await DaemonRest.GetAsync(dashboard.BaseUrl, "/api/v1/schedules/berlin-mondays");
        Assert.False(berlinBefore.GetProperty("paused").GetBoolean(), berlinBefore.ToString());

        await berlin.GetByTestId("schedule-link").ClickAsync();
        await Expect(detail).ToContainTextAsync("berlin-mondays");
        await Expect(detail.GetByTestId("next-occurrence").First).ToContainTextAsync("Europe/Berlin");
        await Expect(detail.GetByTestId("schedule-history-empty")).ToBeVisibleAsync();
        await detail.GetByTestId("schedule-trigger").ClickAsync();

        var fired = detail.Locator("[data-testid=occurrence-row][data-outcome=fired]");
        await Expect(fired).ToHaveCountAsync(1, Counted);
        var history = await DaemonRest.GetAsync(dashboard.BaseUrl, "/api/v1/schedules/berlin-mondays/history");
        var taskId = history.GetProperty("occurrences").EnumerateArray().Single().GetProperty("task_id").GetString()!;
        await Expect(fired.GetByTestId("occurrence-task")).ToHaveAttributeAsync("href", $"#/tasks/{taskId}");
        await Expect(berlin.GetByTestId("schedule-last")).ToContainTextAsync("fired");
        await Expect(fired.Locator("[data-status=completed]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"light: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await Screenshots.SaveAsync(page, "schedules");

        // A trigger from another client reaches the open page through the event stream alone.
        var other = await DaemonRest.PostAsync(dashboard.BaseUrl, "/api/v1/schedules/berlin-mondays/trigger", new Dictionary<string, string>());
        await Expect(fired).ToHaveCountAsync(2, Counted);
        await Expect(detail.Locator($"[data-testid=occurrence-task][href=\"#/tasks/{other.GetProperty("task_id").GetString()}\"]")).ToBeVisibleAsync();

        await fired.Last.GetByTestId("occurrence-task").ClickAsync();
        await Expect(page.GetByTestId("task-page")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/tasks/{taskId}$"));
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task ReadSession_ActiveAndPausedSchedules_SeesThemWithoutAWriteButtonAndPassesAxeInTheDarkTheme()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 1);
        await AddAsync(dashboard, "hourly", "every", "1h", "echo hourly");
        await AddAsync(dashboard, "held", "cron", "*/5 * * * *", "echo held", "UTC");
        await DaemonRest.PostAsync(dashboard.BaseUrl, "/api/v1/schedules/held/pause", new Dictionary<string, string> { ["note"] = "on hold" });
        var created = await dashboard.Home.RunAsync("token", "create", "--name", "viewer", "--scope", "read", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var page = await browser.NewPageAsync(ColorScheme.Dark);
        await page.GotoAsync(dashboard.BaseUrl + "/health");
        var signIn = await page.EvaluateAsync<int>(
            "async token => (await fetch('/auth/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) })).status",
            created.Json.GetProperty("token").GetString());
        Assert.Equal(204, signIn);
        var found = new List<string>();

        foreach (var name in new[] { "hourly", "held" })
        {
            await page.GotoAsync($"{dashboard.BaseUrl}/#/schedules?open={name}");
            await Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("schedule-row")).ToHaveCountAsync(2, Counted);
            await Expect(page.GetByTestId("schedule-detail")).ToContainTextAsync(name);
            await Expect(page.GetByTestId(name == "held" ? "schedule-next-none" : "schedule-next-list")).ToBeVisibleAsync();
            foreach (var testId in new[] { "schedule-pause", "schedule-resume", "schedule-trigger", "schedule-pause-form" })
            {
                Assert.True(await page.GetByTestId(testId).CountAsync() == 0, $"a read session sees '{testId}' for {name}");
            }

            var axe = await page.RunAxe();
            found.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"dark, {name}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}"));
        }

        await Expect(Row(page, "held").GetByTestId("schedule-note")).ToContainTextAsync("on hold");
        Assert.True(found.Count == 0, string.Join("\n", found));
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Schedules_NoneAdded_ShowsHowToAddOne()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 1);
        var page = await browser.NewPageAsync();
        await dashboard.OpenAsync(page, "#/schedules");

        await Expect(page.GetByTestId("schedules-empty")).ToContainTextAsync("baton schedule add");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Detail_TaskEndsWhileTheHistoryShowingItIsInFlight_ShowsItsEndOnceTheHistoryLands()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 1);
        var gate = new FifoGate(dashboard.Home.Work);
        await AddAsync(dashboard, "gated", "every", "1h", FifoGate.Script);
        var page = await browser.NewPageAsync();
        var errors = DashboardBrowser.RecordErrors(page);
        // The history that shows the occurrence before its task ended lands only after the task's end reached the page.
        await gate.HoldResponsesShowingItAsync(page, new Regex("/api/v1/schedules/gated/history\\?limit=50$"),
            body => body.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("task_id").GetString()).FirstOrDefault());
        await dashboard.OpenAsync(page, "#/schedules?open=gated");
        var detail = page.GetByTestId("schedule-detail");
        await Expect(detail.GetByTestId("schedule-history-empty")).ToBeVisibleAsync();
        await detail.GetByTestId("schedule-trigger").ClickAsync();

        var fired = detail.Locator("[data-testid=occurrence-row][data-outcome=fired]");
        await Expect(fired.Locator("[data-status=completed]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.True(gate.Opened, "the held history was never released");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    private static ILocator Row(IPage page, string name) => page.Locator($"[data-testid=schedule-row][data-name=\"{name}\"]");

    private static async Task<JsonElement> AddAsync(DashboardDaemon dashboard, string name, string kind, string timing, string script, string? zone = null)
    {
        var body = new Dictionary<string, object>
        {
            ["name"] = name,
            [kind] = timing,
            ["task"] = new Dictionary<string, object> { ["command"] = new[] { "sh", "-c", script }, ["working_directory"] = dashboard.Home.Work },
        };
        if (zone is not null)
        {
            body["time_zone"] = zone;
        }

        return await DaemonRest.PostAsync(dashboard.BaseUrl, "/api/v1/schedules", body);
    }
}
