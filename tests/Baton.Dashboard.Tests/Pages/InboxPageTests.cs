using System.Text.Json;
using Baton.AgentCli.Tests.Fakes;
using Baton.Dashboard.Tests.Browser;
using Baton.EndToEnd.Tests.Agents;
using Baton.EndToEnd.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>
/// Needs you, against the real Claude Code driven by a scripted model: the approval the agent asks for appears on the
/// open page by itself, shows the command, and answering it there lets the agent go on.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private ClaudeAgentHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await ClaudeAgentHarness.StartAsync();
        // Bash is not pre-allowed, so the CLI asks before running a command that changes anything.
        harness.DefineAgent("toucher", "tools: Read");
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [SkippableFact]
    public async Task Approve_ABashCallTheAgentAsksFor_AppearsLiveAndTheAgentFinishes()
    {
        browser.SkipIfMissing();
        harness.Server.Enqueue(ScriptedTurn.Bash("touch approved.txt"), ScriptedTurn.Text("Touched."));
        using var daemon = await harness.StartDaemonAsync();
        var page = await browser.NewPageAsync();
        var errors = DashboardBrowser.RecordErrors(page);
        await DashboardBrowser.OpenAsync(page, harness.Home);
        await Expect(page.GetByTestId("inbox-empty")).ToBeVisibleAsync();

        var id = await harness.AddAsync("toucher", "Touch approved.txt.");
        await OpenInteractionAsync(id);

        // The page was open before the agent asked: only the event stream can have brought it, within a second.
        var item = page.GetByTestId("inbox-item");
        await Expect(item).ToBeVisibleAsync(new() { Timeout = 1000 });
        await Expect(item.GetByTestId("command")).ToContainTextAsync("touch approved.txt");
        await Expect(item.GetByTestId("waited")).ToContainTextAsync("waiting");
        await Expect(item.GetByTestId("inbox-task")).ToHaveAttributeAsync("href", $"#/tasks/{id}");
        Assert.False(File.Exists(Path.Combine(harness.Work, "approved.txt")), "the tool ran before it was approved");

        await item.GetByTestId("approve").ClickAsync();

        await Expect(page.GetByTestId("inbox-empty")).ToBeVisibleAsync();
        var final = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.Equal("Touched.", final.GetProperty("result").GetString());
        Assert.True(File.Exists(Path.Combine(harness.Work, "approved.txt")));

        // The task's page tells the story: the tool call, its result, the answer, what it cost.
        await page.GetByTestId("nav-work").ClickAsync();
        await page.Locator($"[data-testid=task-row][data-task='{id}'] a.task-name").ClickAsync();
        await Expect(page.GetByTestId("task-status")).ToHaveAttributeAsync("data-status", "completed");
        var transcript = page.GetByTestId("transcript");
        await Expect(transcript.Locator("[data-kind=tool_call]")).ToContainTextAsync("touch approved.txt");
        await Expect(transcript.Locator("[data-kind=assistant]").Last).ToContainTextAsync("Touched.");
        await Expect(page.GetByTestId("model-usage").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("task-result")).ToContainTextAsync("Touched.");
        Assert.Empty(errors);
        foreach (var close in await page.Locator(".notice-close").AllAsync())
        {
            await close.ClickAsync();
        }

        await Screenshots.SaveAsync(page, "task");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Deny_WithAMessageFromThePage_TheModelReadsItAndTheToolNeverRuns()
    {
        browser.SkipIfMissing();
        harness.Server.Enqueue(ScriptedTurn.Bash("touch denied.txt"), ScriptedTurn.Text("Understood, not touching it."));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("toucher", "Touch denied.txt.");
        await OpenInteractionAsync(id);
        var page = await browser.NewPageAsync();
        await DashboardBrowser.OpenAsync(page, harness.Home);
        var item = page.GetByTestId("inbox-item");
        await Screenshots.SaveAsync(page, "needs-you");

        await item.GetByTestId("deny").ClickAsync();
        await item.GetByTestId("deny-message").FillAsync("not that file");
        await item.GetByTestId("deny-confirm").ClickAsync();

        await Expect(page.GetByTestId("inbox-empty")).ToBeVisibleAsync();
        var final = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.False(File.Exists(Path.Combine(harness.Work, "denied.txt")));
        var result = Assert.Single(harness.Server.Turns[1].ToolResults);
        Assert.Contains("not that file", result.Content, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Answer_AQuestionByItsOptionInThePage_TheModelGetsTheChosenLabel()
    {
        browser.SkipIfMissing();
        const string Question = "Which database should I use?";
        harness.DefineAgent("asker", "tools: Read");
        harness.Server.Enqueue(
            ScriptedTurn.ToolUse("AskUserQuestion", new
            {
                questions = new[]
                {
                    new
                    {
                        question = Question,
                        header = "Database",
                        options = new[] { new { label = "PostgreSQL", description = "server" }, new { label = "SQLite", description = "embedded" } },
                        multiSelect = false,
                    },
                },
            }),
            ScriptedTurn.Text("SQLite it is."));
        using var daemon = await harness.StartDaemonAsync();
        var id = await harness.AddAsync("asker", "Set up storage.");
        await OpenInteractionAsync(id);
        var page = await browser.NewPageAsync();
        await DashboardBrowser.OpenAsync(page, harness.Home);
        var item = page.GetByTestId("inbox-item");
        await Expect(item).ToHaveAttributeAsync("data-kind", "question");
        await Expect(item.Locator("fieldset legend")).ToContainTextAsync(Question);
        await Expect(item.GetByTestId("approve")).ToHaveCountAsync(0);

        await item.GetByLabel("SQLite").CheckAsync();
        await item.GetByTestId("answer").ClickAsync();

        await Expect(page.GetByTestId("inbox-empty")).ToBeVisibleAsync();
        var final = (await harness.Home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.Equal("completed", final.GetProperty("status").GetString());
        var result = Assert.Single(harness.Server.Turns[1].ToolResults);
        Assert.Contains("\"Which database should I use?\"=\"SQLite\"", result.Content, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task ReadSession_WithAnOpenApproval_SeesItAndNoButtonThatWrites()
    {
        browser.SkipIfMissing();
        harness.Server.Enqueue(ScriptedTurn.Bash("touch watched.txt"), ScriptedTurn.Text("Done."));
        using var daemon = await harness.StartDaemonAsync();
        var created = await harness.Home.RunAsync("token", "create", "--name", "viewer", "--scope", "read", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var id = await harness.AddAsync("toucher", "Touch watched.txt.");
        await OpenInteractionAsync(id);
        var baseUrl = (await DaemonUrl.ReadAsync(harness.Home)).TrimEnd('/');
        var page = await browser.NewPageAsync();
        await page.GotoAsync(baseUrl + "/health");
        var signIn = await page.EvaluateAsync<int>(
            "async token => (await fetch('/auth/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) })).status",
            created.Json.GetProperty("token").GetString());
        Assert.Equal(204, signIn);

        await page.GotoAsync(baseUrl + "/#/");
        await Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("inbox-item").GetByTestId("command")).ToContainTextAsync("touch watched.txt");
        await AssertNoWriteButtonsAsync(page);
        await page.GetByTestId("inbox-task").ClickAsync();
        await Expect(page.GetByTestId("task-status")).ToHaveAttributeAsync("data-status", "input_required");
        await Expect(page.GetByTestId("transcript")).ToBeVisibleAsync();
        await AssertNoWriteButtonsAsync(page);
        await page.GotoAsync(baseUrl + "/#/work");
        await Expect(page.GetByTestId("task-row")).ToHaveCountAsync(1);
        await AssertNoWriteButtonsAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>Every button that writes, by its test id; a read session must see none on any page.</summary>
    private static async Task AssertNoWriteButtonsAsync(IPage page)
    {
        string[] writes = ["approve", "always", "deny", "answer", "question-form", "cancel", "retry", "continue", "intervene", "pause", "resume", "priority", "share"];
        foreach (var testId in writes)
        {
            Assert.True(await page.GetByTestId(testId).CountAsync() == 0, $"a read session sees the '{testId}' button on {page.Url}");
        }
    }

    private async Task<JsonElement> OpenInteractionAsync(string taskId)
    {
        var found = await Eventually.Until(
            async () =>
            {
                var inbox = await harness.Home.RunAsync("inbox", "--json");
                Assert.True(inbox.ExitCode == 0, inbox.ToString());
                return inbox.Json.GetProperty("interactions").EnumerateArray()
                    .Where(i => i.GetProperty("task_id").GetString() == taskId)
                    .Select(i => (object?)i.Clone()).FirstOrDefault();
            },
            Deadline,
            $"task {taskId}'s agent to ask");
        return (JsonElement)found;
    }
}
