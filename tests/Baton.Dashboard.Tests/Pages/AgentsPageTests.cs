using Baton.Dashboard.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>The Agents page lists the definitions the daemon finds, with the file each comes from.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AgentsPageTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Agents_ProjectDefinition_ShownWithItsSourceFile()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 1);
        // The daemon runs in the home's work folder: its project agents are the work folder's .claude/agents.
        var folder = Directory.CreateDirectory(Path.Combine(dashboard.Home.Work, ".claude", "agents")).FullName;
        var file = Path.Combine(folder, "code-reviewer.md");
        await File.WriteAllTextAsync(file, "---\nname: code-reviewer\ndescription: Reviews a change and reports findings by severity.\nmodel: sonnet\n---\nYou review.\n");
        var page = await browser.NewPageAsync();

        await dashboard.OpenAsync(page, "#/agents");

        var row = page.GetByTestId("agent-row");
        await Expect(row).ToContainTextAsync("code-reviewer", new() { Timeout = (float)DashboardDaemon.Shown.TotalMilliseconds });
        await Expect(row).ToContainTextAsync(file);
        await Expect(row).ToContainTextAsync("sonnet");
        await Expect(row.GetByTestId("agent-success")).ToHaveTextAsync("—");
        await page.Context.CloseAsync();
    }
}
