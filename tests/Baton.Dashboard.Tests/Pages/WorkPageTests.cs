using System.Text.Json;
using System.Text.RegularExpressions;
using Baton.Dashboard.Tests.Browser;
using Baton.EndToEnd.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>
/// Work against a real daemon: a page at a time through the daemon's cursor, filters that the REST list applies,
/// new tasks arriving without a reload, and a task that ends while the list bringing it loads.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private DashboardDaemon dashboard = null!;
    private IAPIRequestContext api = null!;

    public async Task InitializeAsync()
    {
        dashboard = await DashboardDaemon.StartAsync(workers: 4);
        if (browser.MissingReason is null)
        {
            api = await browser.NewRequestAsync(dashboard.BaseUrl);
        }
    }

    public async Task DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        await dashboard.DisposeAsync();
    }

    [SkippableFact]
    public async Task WorkPage_WithMoreTasksThanAPage_PagesFiltersAndFollowsNewTasks()
    {
        browser.SkipIfMissing();
        for (var i = 0; i < 52; i++)
        {
            await QueueAsync($"alpha-{i}", ["true"]);
        }

        var failed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            failed.Add(await QueueAsync($"beta-{i}", ["false"], maxRetries: 0));
        }

        await Eventually.True(async () => (await ListAsync("?status=pending,running,retrying&limit=1")).GetArrayLength() == 0, Deadline, "every task to end");
        var page = await browser.NewPageAsync();
        await DashboardBrowser.OpenAsync(page, dashboard.Home, "#/work");

        var rows = page.GetByTestId("task-row");
        await Expect(rows).ToHaveCountAsync(50);
        await page.GetByTestId("load-more").ClickAsync();
        await Expect(rows).ToHaveCountAsync(55);
        await Expect(page.GetByTestId("load-more")).ToHaveCountAsync(0);

        await page.GetByTestId("filter-q").FillAsync("beta");
        await page.GetByTestId("filter-apply").ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);
        Assert.Contains("q=beta", page.Url, StringComparison.Ordinal);
        await page.GetByTestId("filter-q").FillAsync("");
        await page.GetByTestId("filter-status").SelectOptionAsync("failed");
        await Expect(rows).ToHaveCountAsync(3);
        foreach (var id in failed)
        {
            await Expect(page.Locator($"[data-testid=task-row][data-task='{id}']")).ToHaveAttributeAsync("data-status", "failed");
        }

        await page.GetByTestId("filter-clear").ClickAsync();
        await Expect(rows).ToHaveCountAsync(50);
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        var fresh = await QueueAsync("gamma-new", ["true"]);
        await Expect(page.Locator($"[data-testid=task-row][data-task='{fresh}']")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task WorkPage_TaskEndsWhileThePageBringingItIsInFlight_ShowsItsEndOnceThePageLands()
    {
        browser.SkipIfMissing();
        var gate = new FifoGate(dashboard.Home.Work);
        var page = await browser.NewPageAsync();
        var errors = DashboardBrowser.RecordErrors(page);
        // A page of the list that shows the gated task before it ended lands only after the task's end reached the page.
        await gate.HoldResponsesShowingItAsync(page, new Regex("/api/v1/tasks(\\?[^/]*)?$"),
            body => body.GetProperty("tasks").EnumerateArray()
                .Where(t => t.GetProperty("name").GetString() == "gated").Select(t => t.GetProperty("task_id").GetString()).FirstOrDefault());
        await DashboardBrowser.OpenAsync(page, dashboard.Home, "#/work");
        await Expect(page.GetByTestId("work-empty")).ToBeVisibleAsync();
        var id = await QueueAsync("gated", ["sh", "-c", FifoGate.Script], maxRetries: 0);

        await Expect(page.Locator($"[data-testid=task-row][data-task='{id}']")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 30_000 });
        Assert.True(gate.Opened, "the held list was never released");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    private async Task<string> QueueAsync(string name, string[] command, int maxRetries = 3)
    {
        var response = await api.PostAsync("/api/v1/tasks", new APIRequestContextOptions
        {
            DataObject = new Dictionary<string, object> { ["name"] = name, ["command"] = command, ["working_directory"] = dashboard.Home.Work, ["max_retries"] = maxRetries },
        });
        Assert.True(response.Status == 201, await response.TextAsync());
        using var body = JsonDocument.Parse(await response.TextAsync());
        return body.RootElement.GetProperty("task_id").GetString()!;
    }

    private async Task<JsonElement> ListAsync(string query)
    {
        var response = await api.GetAsync("/api/v1/tasks" + query);
        Assert.True(response.Ok, await response.TextAsync());
        using var body = JsonDocument.Parse(await response.TextAsync());
        return body.RootElement.GetProperty("tasks").Clone();
    }
}
