using Baton.Dashboard.Tests.Browser;
using Baton.EndToEnd.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>The workflow page against a real workflow of command tasks run by the daemon.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkflowPageTests(BrowserFixture browser)
{
    // The light theme's status fills (styles/base.css), as the browser computes them.
    private const string RunningFill = "rgb(219, 233, 255)";
    private const string CompletedFill = "rgb(215, 243, 224)";
    private const string FailedFill = "rgb(253, 224, 222)";
    private const string PendingFill = "rgb(236, 238, 242)";

    private static string Steps(string work) => $"""
        name: Steps
        failure_policy: continue
        phases:
          - id: build
            tasks:
              - name: compile
                command: 'while [ ! -f {work}/go ]; do sleep 0.05; done; echo compiled'
          - id: check
            depends_on: [build]
            tasks:
              - name: unit-tests
                command: 'echo passed'
          - id: style
            depends_on: [build]
            tasks:
              - name: lint
                command: 'if [ -f {work}/lint-ok ]; then echo clean; else touch {work}/lint-ok; exit 3; fi'
                max_retries: 0
          - id: ship
            depends_on: [check]
            tasks:
              - name: package
                command: 'echo packed'
        """;

    [SkippableFact]
    public async Task Graph_PhasesFinishThenRerun_NodesTakeTheColourAndWordOfTheirStatus()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 2);
        var id = await dashboard.RunWorkflowAsync(Steps(dashboard.Home.Work));
        var tasks = await TaskIdsAsync(dashboard, id);
        var page = await browser.NewPageAsync();
        await dashboard.OpenAsync(page, $"#/workflows/{id}");

        var compile = page.GetByTestId($"graph-node-{tasks["compile"]}");
        var lint = page.GetByTestId($"graph-node-{tasks["lint"]}");
        var package = page.GetByTestId($"graph-node-{tasks["package"]}");
        await Expect(compile).ToHaveAttributeAsync("data-status", "running", new() { Timeout = Ms(DashboardDaemon.Shown) });
        Assert.Equal(RunningFill, await FillAsync(compile));
        Assert.Equal(PendingFill, await FillAsync(lint));
        await Expect(compile).ToContainTextAsync("running");

        await File.WriteAllTextAsync(Path.Combine(dashboard.Home.Work, "go"), "go");

        // Live: no reload between the two states.
        await Expect(lint).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = Ms(TimeSpan.FromSeconds(20)) });
        await Expect(package).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = Ms(TimeSpan.FromSeconds(20)) });
        await Expect(compile).ToHaveAttributeAsync("data-status", "completed");
        Assert.Equal(CompletedFill, await FillAsync(compile));
        Assert.Equal(FailedFill, await FillAsync(lint));
        await Expect(lint).ToContainTextAsync("failed");
        await Expect(page.GetByTestId("workflow-status")).ToHaveAttributeAsync("data-status", "failed");
        await Expect(page.GetByTestId($"rerun-{tasks["lint"]}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("wf-progress")).ToHaveTextAsync("4 of 4 tasks");
        await Screenshots.SaveAsync(page, "workflow-graph");

        await page.GetByTestId("view-timeline").ClickAsync();
        await Expect(page.GetByTestId($"timeline-bar-{tasks["compile"]}")).ToHaveAttributeAsync("data-critical", "true");
        // The critical path runs back from the task that ended last; every path starts at compile.
        var ended = (await dashboard.WorkflowAsync(id)).GetProperty("phases").EnumerateArray().SelectMany(p => p.GetProperty("tasks").EnumerateArray())
            .MaxBy(t => t.GetProperty("completed_at").GetDateTimeOffset())!.GetProperty("task_id").GetString();
        await Expect(page.GetByTestId($"timeline-bar-{ended}")).ToHaveAttributeAsync("data-critical", "true");
        await Screenshots.SaveAsync(page, "workflow-timeline");

        // Re-run from the failed task: it passes the second time and the workflow ends completed.
        await page.GetByTestId($"rerun-{tasks["lint"]}").ClickAsync();
        await Expect(page.GetByTestId("workflow-status")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = Ms(TimeSpan.FromSeconds(20)) });
        await page.GetByTestId("view-graph").ClickAsync();
        await Expect(lint).ToHaveAttributeAsync("data-status", "completed");
        Assert.Equal(CompletedFill, await FillAsync(lint));
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Node_Clicked_OpensItsTask()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 2);
        await File.WriteAllTextAsync(Path.Combine(dashboard.Home.Work, "go"), "go");
        var id = await dashboard.RunWorkflowAsync(Steps(dashboard.Home.Work));
        var tasks = await TaskIdsAsync(dashboard, id);
        var page = await browser.NewPageAsync();
        await dashboard.OpenAsync(page, $"#/workflows/{id}");

        await page.GetByTestId($"graph-node-{tasks["unit-tests"]}").ClickAsync();

        await Expect(page.GetByTestId("task-page")).ToHaveAttributeAsync("data-task", tasks["unit-tests"], new() { Timeout = Ms(DashboardDaemon.Shown) });
        Assert.EndsWith($"#/tasks/{tasks["unit-tests"]}", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Gate_ApprovedOnThePage_ThePhaseRuns()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 2);
        var id = await dashboard.RunWorkflowAsync("""
            name: Gated
            phases:
              - id: design
                tasks:
                  - name: design
                    command: 'echo the-design'
              - id: build
                depends_on: [design]
                requires_approval: true
                tasks:
                  - name: build
                    command: 'echo built'
            """);
        var tasks = await TaskIdsAsync(dashboard, id);
        var page = await browser.NewPageAsync();
        await dashboard.OpenAsync(page, $"#/workflows/{id}");
        var gate = page.GetByTestId("gate-build");
        await Expect(gate).ToBeVisibleAsync(new() { Timeout = Ms(TimeSpan.FromSeconds(20)) });
        await Expect(page.GetByTestId("graph-phase-build")).ToHaveAttributeAsync("data-status", "input_required");

        await gate.GetByRole(AriaRole.Textbox).FillAsync("use SQLite");
        await gate.GetByTestId("gate-approve").ClickAsync();

        await Expect(page.GetByTestId($"graph-node-{tasks["build"]}")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = Ms(TimeSpan.FromSeconds(20)) });
        await Expect(gate).ToHaveCountAsync(0);
        var workflow = await dashboard.WorkflowAsync(id);
        var decided = workflow.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase_id").GetString() == "build").GetProperty("gate");
        Assert.Equal("approve", decided.GetProperty("decision").GetString());
        await page.Context.CloseAsync();
    }

    private static float Ms(TimeSpan span) => (float)span.TotalMilliseconds;

    private static async Task<string?> FillAsync(ILocator node) =>
        await node.Locator("rect").EvaluateAsync<string>("rect => getComputedStyle(rect).fill");

    /// <summary>The workflow's task ids by name.</summary>
    internal static async Task<Dictionary<string, string>> TaskIdsAsync(DashboardDaemon dashboard, string workflowId)
    {
        var workflow = await dashboard.WorkflowAsync(workflowId);
        return workflow.GetProperty("phases").EnumerateArray()
            .SelectMany(p => p.GetProperty("tasks").EnumerateArray())
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("task_id").GetString()!);
    }
}
