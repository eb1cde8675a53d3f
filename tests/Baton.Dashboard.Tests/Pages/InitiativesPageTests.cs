using System.Text.Json;
using Baton.Dashboard.Tests.Browser;
using Baton.EndToEnd.Tests.Initiatives;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>
/// The Initiatives page: an initiative of command tasks on a real git repository, started from the page, its streams'
/// bars reaching 100% through the event stream alone, then archived through its button (after the confirmation) and
/// found again with archived ones shown; a read session sees the streams without a single action.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InitiativesPageTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveCountOptions Counted = new() { Timeout = (float)DashboardDaemon.Shown.TotalMilliseconds };
    private static readonly LocatorAssertionsToHaveTextOptions Finished = new() { Timeout = 60_000 };

    [SkippableFact]
    public async Task Initiative_StartedFromThePage_StreamsReach100LiveAndArchiveMovesItToArchived()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 2);
        await GitRepository.InitAsync(dashboard.Home.Work);
        var created = await CreateAsync(dashboard, "shop");
        var id = created.GetProperty("id").GetString()!;
        var page = await browser.NewPageAsync();
        var errors = DashboardBrowser.RecordErrors(page);
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add(dialog.Message);
            }

            _ = dialog.AcceptAsync();
        };
        await dashboard.OpenAsync(page, "#/initiatives");

        var card = page.Locator($"[data-testid=initiative][data-id=\"{id}\"]");
        await Expect(card.GetByTestId("initiative-status")).ToContainTextAsync("draft");
        await Expect(card.GetByTestId("stream-row")).ToHaveCountAsync(2, Counted);
        await Expect(Stream(card, "core").GetByTestId("stream-phase")).ToHaveTextAsync("foundation");
        await Expect(Stream(card, "api").GetByTestId("stream-phase")).ToHaveTextAsync("parallel");
        await Expect(Stream(card, "core").GetByTestId("stream-tasks")).ToHaveTextAsync("0/2");
        await Expect(Stream(card, "core").GetByTestId("stream-progress")).ToHaveAttributeAsync("aria-valuenow", "0");
        await Expect(Stream(card, "api").GetByTestId("stream-branch")).ToHaveTextAsync(created.GetProperty("streams")[1].GetProperty("branch").GetString()!);
        await Expect(page.GetByTestId("nav-initiatives")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(card.GetByTestId("initiative-cancel")).ToHaveCountAsync(0);

        await card.GetByTestId("initiative-start").ClickAsync();

        // Only the workflow's events move the bars from here: the page is not reloaded.
        foreach (var stream in new[] { "core", "api" })
        {
            await Expect(Stream(card, stream).GetByTestId("stream-percent")).ToHaveTextAsync("100%", Finished);
            await Expect(Stream(card, stream).GetByTestId("stream-status")).ToContainTextAsync("completed");
        }

        await Expect(Stream(card, "core").GetByTestId("stream-tasks")).ToHaveTextAsync("2/2");
        await Expect(Stream(card, "core").GetByTestId("stream-progress")).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(card.GetByTestId("initiative-status")).ToContainTextAsync("completed", new() { Timeout = 60_000 });
        var done = await DaemonRest.GetAsync(dashboard.BaseUrl, $"/api/v1/initiatives/{id}");
        var workflow = done.GetProperty("workflow_id").GetString()!;
        await Expect(card.GetByTestId("initiative-workflow")).ToHaveAttributeAsync("href", $"#/workflows/{workflow}");
        var worktree = done.GetProperty("streams")[1].GetProperty("worktree_path").GetString();
        if (worktree is not null)
        {
            await Expect(Stream(card, "api").GetByTestId("stream-worktree")).ToHaveTextAsync(worktree);
        }

        await Expect(card.GetByTestId("initiative-cancel")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "initiatives");
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        await card.GetByTestId("initiative-archive").ClickAsync();

        await Expect(page.GetByTestId("initiatives-empty")).ToBeVisibleAsync();
        Assert.Contains(dialogs, d => d.Contains("Archive initiative shop?", StringComparison.Ordinal));
        var archived = await DaemonRest.GetAsync(dashboard.BaseUrl, $"/api/v1/initiatives/{id}");
        Assert.True(archived.GetProperty("archived_at").ValueKind == JsonValueKind.String, archived.ToString());
        await page.GetByTestId("initiatives-all").CheckAsync();
        await Expect(card.GetByTestId("initiative-archived")).ToBeVisibleAsync();
        await Expect(card.GetByTestId("initiative-unarchive")).ToBeVisibleAsync();

        await card.GetByTestId("initiative-link").ClickAsync();
        await Expect(page.GetByTestId("initiative-page")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/initiatives/{id}$"));
        await Expect(page.GetByTestId("initiative-page").Locator("h1")).ToHaveTextAsync("shop");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task ReadSession_DraftAndStartedInitiatives_SeesStreamsWithoutAnAction()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 1);
        await GitRepository.InitAsync(dashboard.Home.Work);
        var draft = (await CreateAsync(dashboard, "drafted")).GetProperty("id").GetString()!;
        var started = (await CreateAsync(dashboard, "running", sleep: "30")).GetProperty("id").GetString()!;
        await DaemonRest.PostAsync(dashboard.BaseUrl, $"/api/v1/initiatives/{started}/start", new Dictionary<string, string>());
        var page = await browser.NewPageAsync(ColorScheme.Dark);
        await dashboard.SignInReadOnlyAsync(page);
        var found = new List<string>();

        foreach (var route in new[] { "#/initiatives", $"#/initiatives/{draft}", $"#/initiatives/{started}" })
        {
            await page.GotoAsync($"{dashboard.BaseUrl}/{route}");
            await Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("stream-row").First).ToBeVisibleAsync();
            foreach (var action in new[] { "initiative-start", "initiative-cancel", "initiative-archive", "initiative-unarchive" })
            {
                Assert.True(await page.GetByTestId(action).CountAsync() == 0, $"a read session sees '{action}' on {route}");
            }

            var axe = await page.RunAxe();
            found.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"dark, {route}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}"));
        }

        await Expect(page.GetByTestId("initiative-status")).ToContainTextAsync("running");
        Assert.True(found.Count == 0, string.Join("\n", found));
        await DaemonRest.PostAsync(dashboard.BaseUrl, $"/api/v1/initiatives/{started}/cancel", new Dictionary<string, string>());
        await page.Context.CloseAsync();
    }

    private static ILocator Stream(ILocator card, string id) => card.Locator($"[data-testid=stream-row][data-stream=\"{id}\"]");

    /// <summary>A foundation stream of two command tasks and a parallel one after it; each task sleeps a little so the start is seen before the end.</summary>
    private static Task<JsonElement> CreateAsync(DashboardDaemon dashboard, string name, string sleep = "1")
    {
        object Task(string script) => new Dictionary<string, object> { ["command"] = new[] { "sh", "-c", $"sleep {sleep}; {script}" } };
        return DaemonRest.PostAsync(dashboard.BaseUrl, "/api/v1/initiatives", new Dictionary<string, object>
        {
            ["name"] = name,
            ["repository"] = dashboard.Home.Work,
            ["streams"] = new object[]
            {
                new Dictionary<string, object> { ["id"] = "core", ["name"] = "Shared types", ["phase"] = "foundation", ["tasks"] = new[] { Task("echo core > core.txt"), Task("true") } },
                new Dictionary<string, object> { ["id"] = "api", ["name"] = "API", ["phase"] = "parallel", ["tasks"] = new[] { Task("echo api > api.txt") } },
            },
        });
    }
}
