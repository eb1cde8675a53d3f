using System.Text.Json.Nodes;
using Baton.Dashboard.Tests.Browser;
using Baton.EndToEnd.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>
/// Needs you, for a task its budget stopped: a real daemon whose claude is a stand-in replaying real Claude Code
/// output, priced so that its first model message crosses the task's budget. The card says what was spent of how
/// much, and raising the budget there lets the task go on to the end.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BudgetCardTests(BrowserFixture browser) : IDisposable
{
    private static readonly string Capture = Path.Combine(
        Baton.AgentCli.Tests.Harness.RepositoryRoot.Path, "tests", "Baton.Core.Tests", "Runners", "Claude", "Captures", "claude-2.1.330", "stream-json_tool-run.jsonl");

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly BatonHome home = new();

    public void Dispose() => home.Dispose();

    [SkippableFact]
    public async Task Raise_ATaskStoppedByItsBudget_ShowsSpentOfBudgetAndTheTaskFinishes()
    {
        browser.SkipIfMissing();
        Configure();
        using var daemon = await home.StartDaemonAsync(workers: 1);
        var page = await browser.NewPageAsync();
        var errors = DashboardBrowser.RecordErrors(page);
        await DashboardBrowser.OpenAsync(page, home);

        var id = await home.AddAsync("--no-start", "--cwd", home.Work, "--agent", "reviewer", "--prompt", "Run the tests", "--budget", "0.50", "--max-retries", "0");

        var item = page.GetByTestId("inbox-item");
        await Expect(item).ToBeVisibleAsync(new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Expect(item.GetByTestId("budget-limit")).ToHaveTextAsync("$0.50");
        // $1.20 per model message by the price table, and the CLI is stopped after the first one or a few.
        await Expect(item.GetByTestId("budget-spent")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\$\d+\.\d\d$"));
        var spent = decimal.Parse((await item.GetByTestId("budget-spent").TextContentAsync())!.TrimStart('$'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(spent >= 1.20m, $"spent ${spent}");
        Assert.Equal("input_required", (await home.StatusAsync(id)).GetProperty("status").GetString());

        await item.GetByTestId("budget-amount").FillAsync("1000");
        await item.GetByTestId("raise").ClickAsync();

        await Expect(page.GetByTestId("inbox-empty")).ToBeVisibleAsync(new() { Timeout = (float)Deadline.TotalMilliseconds });
        var final = (await home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.Equal("completed", final.GetProperty("status").GetString());
        // The raise is the task's budget now, not only an answer in the interaction.
        Assert.Equal(1000m, final.GetProperty("budget_usd").GetDecimal());
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    /// <summary>A claude stand-in, a price table that makes its run expensive, and a reviewer agent.</summary>
    private void Configure()
    {
        var fake = Path.Combine(home.Dir, "claude");
        // It reads the prompt as the CLI does when Baton runs it interactively (initialize, then the stream-json user line).
        File.WriteAllText(fake, $"#!/bin/sh\nread -r initialize\nread -r prompt\ncat '{Capture}'\nwhile read -r _; do :; done\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(home.Dir, "baton.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        config["claude_path"] = fake;
        // $1000 per million tokens: the first model message (1200 input tokens) costs $1.20.
        config["prices"] = new JsonObject { ["claude-opus-5-5"] = new JsonObject { ["input"] = 1000, ["output"] = 1000 } };
        File.WriteAllText(path, config.ToJsonString());
        var agents = Directory.CreateDirectory(Path.Combine(home.Work, ".claude", "agents")).FullName;
        File.WriteAllText(Path.Combine(agents, "reviewer.md"), "---\nname: reviewer\ndescription: Reviews code\n---\nYou review code.\n");
    }
}
