using Baton.EndToEnd.Tests.Harness;
using static Baton.EndToEnd.Tests.Workflows.WorkflowHarness;

namespace Baton.EndToEnd.Tests.Workflows;

/// <summary>Workflows from YAML files through the real executable: order, parallelism, results handed downstream.</summary>
public sealed class WorkflowRunTests : IDisposable
{
    private readonly BatonHome home = new();

    [Fact]
    public async Task Run_ThreePhases_RunInOrderInParallelAndHandResultsDownstream()
    {
        var timeline = Path.Combine(home.Work, "timeline");
        var file = WriteFile(home, "pipeline.yaml", $"""
            name: Pipeline
            phases:
              - id: design
                tasks:
                  - name: design
                    command: '{Timed(timeline, "design", "sleep 0.3", "the-design")}'
              - id: build
                depends_on: [design]
                tasks:
                  - name: backend
                    command: '{Timed(timeline, "backend", "sleep 1", "backend-built")}'
                  - name: frontend
                    command: '{Timed(timeline, "frontend", "sleep 1", "frontend-built")}'
              - id: report
                depends_on: [build]
                tasks:
                  - name: report
                    command: 'printf "%s" "$BATON_UPSTREAM"'
            """);
        using var daemon = await home.StartDaemonAsync(workers: 4);

        var id = await RunAsync(home, file);
        var workflow = await WaitEndedAsync(home, id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", workflow.GetProperty("status").GetString());
        var marks = ReadTimeline(timeline);
        // No task started before its dependencies completed.
        Assert.True(marks["backend"].Start > marks["design"].End, "backend started before design ended");
        Assert.True(marks["frontend"].Start > marks["design"].End, "frontend started before design ended");
        // Tasks of one phase ran side by side.
        Assert.True(marks["backend"].Start < marks["frontend"].End && marks["frontend"].Start < marks["backend"].End, "backend and frontend did not overlap");
        // The report task received both upstream results, with names and status, and not the design (not a direct upstream).
        var report = (await home.StatusAsync(TaskNamed(workflow, "report").GetProperty("task_id").GetString()!)).GetProperty("result").GetString()!;
        Assert.Contains("### backend (task ", report, StringComparison.Ordinal);
        Assert.Contains("backend-built", report, StringComparison.Ordinal);
        Assert.Contains("frontend-built", report, StringComparison.Ordinal);
        Assert.Contains("completed)", report, StringComparison.Ordinal);
        Assert.DoesNotContain("the-design", report, StringComparison.Ordinal);
        // Phases carry their times and statuses; progress is complete.
        foreach (var phase in workflow.GetProperty("phases").EnumerateArray())
        {
            Assert.Equal("completed", phase.GetProperty("status").GetString());
            Assert.NotEqual(System.Text.Json.JsonValueKind.Null, phase.GetProperty("started_at").ValueKind);
            Assert.NotEqual(System.Text.Json.JsonValueKind.Null, phase.GetProperty("completed_at").ValueKind);
        }

        Assert.Equal(100, workflow.GetProperty("progress").GetProperty("percent").GetInt32());
        Assert.Equal(4, workflow.GetProperty("progress").GetProperty("completed").GetInt32());
    }

    [Fact]
    public async Task Run_TaskDependsOnTaskOfSamePhase_WaitsForIt()
    {
        var timeline = Path.Combine(home.Work, "timeline");
        var file = WriteFile(home, "deps.yaml", $"""
            name: Task dependencies
            phases:
              - id: only
                tasks:
                  - id: first
                    name: first
                    command: '{Timed(timeline, "first", "sleep 0.5", "first-out")}'
                  - name: second
                    depends_on: [first]
                    command: '{Timed(timeline, "second", "true", "second-out")} ; printf "%s" "$BATON_UPSTREAM"'
                  - name: independent
                    command: '{Timed(timeline, "independent", "sleep 0.5", "independent-out")}'
            """);
        using var daemon = await home.StartDaemonAsync(workers: 4);

        var workflow = await WaitEndedAsync(home, await RunAsync(home, file), TimeSpan.FromSeconds(60));

        Assert.Equal("completed", workflow.GetProperty("status").GetString());
        var marks = ReadTimeline(timeline);
        Assert.True(marks["second"].Start > marks["first"].End, "second started before first ended");
        Assert.True(marks["independent"].Start < marks["first"].End, "independent waited for first");
        var second = await home.StatusAsync(TaskNamed(workflow, "second").GetProperty("task_id").GetString()!);
        Assert.Contains("first-out", second.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Single(second.GetProperty("depends_on").EnumerateArray());
    }

    [Fact]
    public async Task Run_MissingVariable_FailsNamingItAndCreatesNothing()
    {
        var file = WriteFile(home, "vars.yaml", """
            name: Vars
            phases:
              - id: only
                tasks:
                  - name: greet
                    command: 'echo {{vars.who}}'
            """);

        var result = await home.RunAsync("workflow", "run", file, "--no-start");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("{{vars.who}}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--var who=", result.Stderr, StringComparison.Ordinal);
        var list = await home.RunAsync("workflow", "list", "--json");
        Assert.Equal(0, list.Json.GetArrayLength());
    }

    [Fact]
    public async Task Run_VariableTheFileNeverUses_FailsListingTheFilesVariablesAndCreatesNothing()
    {
        var file = WriteFile(home, "vars.yaml", """
            name: Vars
            vars: { greeting: hello }
            phases:
              - id: only
                tasks:
                  - name: greet
                    command: 'echo {{vars.greeting}} {{vars.who}}'
            """);

        var result = await home.RunAsync("workflow", "run", file, "--var", "greting=hi", "--var", "who=you", "--no-start");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--var greting: the file never uses {{vars.greting}}; did you mean 'greeting'? its variables are greeting, who", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await home.RunAsync("workflow", "list", "--json")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Run_WithVariable_FillsThePlaceholder()
    {
        var file = WriteFile(home, "vars.yaml", """
            name: Vars
            phases:
              - id: only
                tasks:
                  - name: greet
                    command: 'echo hello {{ vars.who }}'
            """);
        using var daemon = await home.StartDaemonAsync();

        var workflow = await WaitEndedAsync(home, await RunAsync(home, file, "--var", "who=world"), TimeSpan.FromSeconds(30));

        var greet = await home.StatusAsync(TaskNamed(workflow, "greet").GetProperty("task_id").GetString()!);
        Assert.Equal("hello world\n", greet.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Run_PhaseCycle_RefusedPrintingTheCycle()
    {
        var file = WriteFile(home, "cycle.yaml", """
            name: Cycle
            phases:
              - id: design
                depends_on: [build]
                tasks:
                  - name: a
                    command: 'true'
              - id: build
                depends_on: [design]
                tasks:
                  - name: b
                    command: 'true'
            """);

        var result = await home.RunAsync("workflow", "run", file, "--no-start");

        Assert.Equal(2, result.ExitCode);
        Assert.True(result.Stderr.Contains("design → build → design", StringComparison.Ordinal)
            || result.Stderr.Contains("build → design → build", StringComparison.Ordinal), result.ToString());
        Assert.Equal(0, (await home.RunAsync("workflow", "list", "--json")).Json.GetArrayLength());
    }

    public void Dispose() => home.Dispose();
}
