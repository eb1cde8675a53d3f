using Baton.EndToEnd.Tests.Harness;
using static Baton.EndToEnd.Tests.Workflows.WorkflowHarness;

namespace Baton.EndToEnd.Tests.Workflows;

/// <summary>Building a workflow step by step, as the MCP tools do, and the errors a bad request gets.</summary>
public sealed class WorkflowBuildTests : IDisposable
{
    private readonly BatonHome home = new();

    [Fact]
    public async Task StepByStep_CreatePhasesTasksStart_CompletesWithCrossPhaseTaskDependency()
    {
        var created = await home.RunAsync("workflow", "create", "Feature", "--description", "built by hand", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var id = created.Json.GetProperty("workflow_id").GetString()!;
        Assert.Equal("draft", created.Json.GetProperty("status").GetString());
        Assert.Equal(0, (await home.RunAsync("workflow", "add-phase", id, "design", "--name", "Design")).ExitCode);
        Assert.Equal(0, (await home.RunAsync("workflow", "add-phase", id, "build", "--depends-on", "design")).ExitCode);
        var spec = await home.RunAsync("workflow", "add-task", id, "design", "--name", "spec", "--json", "--", "echo", "the-spec");
        Assert.True(spec.ExitCode == 0, spec.ToString());
        var specId = spec.Json.GetProperty("task_id").GetString()!;
        var code = await home.RunAsync("workflow", "add-task", id, "build", "--name", "code", "--depends-on", specId, "--", "sh", "-c", "printf '%s' \"$BATON_UPSTREAM\"");
        Assert.True(code.ExitCode == 0, code.ToString());

        // Nothing runs before the start, even with a daemon up.
        using var daemon = await home.StartDaemonAsync();
        var draft = await StatusAsync(home, id);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.All(AllTasks(draft), t => Assert.Equal("pending", t.GetProperty("status").GetString()));

        var start = await home.RunAsync("workflow", "start", id);
        Assert.True(start.ExitCode == 0, start.ToString());
        var workflow = await WaitEndedAsync(home, id, TimeSpan.FromSeconds(30));

        Assert.Equal("completed", workflow.GetProperty("status").GetString());
        var codeTask = await home.StatusAsync(TaskNamed(workflow, "code").GetProperty("task_id").GetString()!);
        Assert.Contains("the-spec", codeTask.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Equal(id, codeTask.GetProperty("workflow_id").GetString());
        Assert.Equal("build", codeTask.GetProperty("phase_id").GetString());
    }

    [Fact]
    public async Task AddTask_ToARunningWorkflowWithNoDaemon_StartsOneThatRunsIt()
    {
        var id = (await home.RunAsync("workflow", "create", "Growing", "--json")).Json.GetProperty("workflow_id").GetString()!;
        Assert.Equal(0, (await home.RunAsync("workflow", "add-phase", id, "work")).ExitCode);
        Assert.Equal(0, (await home.RunAsync("workflow", "add-task", id, "work", "--name", "long", "--", "sleep", "30")).ExitCode);
        using (var daemon = await home.StartDaemonAsync())
        {
            Assert.Equal(0, (await home.RunAsync("workflow", "start", id)).ExitCode);
            daemon.Terminate();
            Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        var refused = await home.RunAsync("workflow", "add-task", id, "work", "--name", "refused", "--no-start", "--", "true");
        var added = await home.RunAsync("workflow", "add-task", id, "work", "--name", "late", "--json", "--", "echo", "late-result");

        Assert.Equal(5, refused.ExitCode);
        Assert.Contains("no Baton daemon is running", refused.Stderr, StringComparison.Ordinal);
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains("Started the Baton daemon", added.Stderr, StringComparison.Ordinal);
        var tasks = AllTasks(await StatusAsync(home, id)).Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("refused", tasks);
        var late = await home.WaitTerminalAsync(added.Json.GetProperty("task_id").GetString()!, TimeSpan.FromSeconds(30));
        Assert.Equal("completed", late!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task BadRequests_GetErrorsNamingTheIdsAndChangeNothing()
    {
        var id = (await home.RunAsync("workflow", "create", "Bad", "--json")).Json.GetProperty("workflow_id").GetString()!;
        Assert.Equal(0, (await home.RunAsync("workflow", "add-phase", id, "design")).ExitCode);

        var unknownDependency = await home.RunAsync("workflow", "add-phase", id, "build", "--depends-on", "desing");
        var duplicate = await home.RunAsync("workflow", "add-phase", id, "design");
        var unknownPhase = await home.RunAsync("workflow", "add-task", id, "nowhere", "--", "true");
        var emptyStart = await home.RunAsync("workflow", "start", id, "--no-start");
        var unknownWorkflow = await home.RunAsync("workflow", "status", "zzzzzzzzzzzz");

        Assert.Equal(2, unknownDependency.ExitCode);
        Assert.Contains("'desing'", unknownDependency.Stderr, StringComparison.Ordinal);
        Assert.Contains("'design'", unknownDependency.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, duplicate.ExitCode);
        Assert.Contains("already has a phase 'design'", duplicate.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, unknownPhase.ExitCode);
        Assert.Contains("no phase 'nowhere'", unknownPhase.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, emptyStart.ExitCode);
        Assert.Contains("'design'", emptyStart.Stderr, StringComparison.Ordinal);
        Assert.Contains("no tasks", emptyStart.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, unknownWorkflow.ExitCode);
        var after = await StatusAsync(home, id);
        Assert.Equal("draft", after.GetProperty("status").GetString());
        Assert.Single(after.GetProperty("phases").EnumerateArray());
        Assert.Empty(AllTasks(after));
    }

    public void Dispose() => home.Dispose();
}
