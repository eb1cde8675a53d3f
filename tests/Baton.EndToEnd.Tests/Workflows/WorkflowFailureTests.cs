using Baton.EndToEnd.Tests.Harness;
using static Baton.EndToEnd.Tests.Workflows.WorkflowHarness;

namespace Baton.EndToEnd.Tests.Workflows;

/// <summary>Failure policies, retry re-opening a workflow, and cancel, through the real executable.</summary>
public sealed class WorkflowFailureTests : IDisposable
{
    private readonly BatonHome home = new();

    [Fact]
    public async Task FailFast_OneTaskFails_PendingTasksCancelledAndWorkflowFails()
    {
        var file = WriteFile(home, "fail-fast.yaml", """
            name: Fail fast
            phases:
              - id: first
                tasks:
                  - name: breaks
                    command: 'echo broken >&2; exit 3'
                    max_retries: 0
              - id: second
                depends_on: [first]
                tasks:
                  - name: never
                    command: 'echo should-not-run'
            """);
        using var daemon = await home.StartDaemonAsync();

        var id = await RunAsync(home, file);
        var wait = await home.RunAsync("workflow", "wait", id, "--timeout", "60");
        var workflow = await WaitEndedAsync(home, id, TimeSpan.FromSeconds(30));

        Assert.Equal(1, wait.ExitCode);
        Assert.Equal("failed", workflow.GetProperty("status").GetString());
        Assert.Contains("'breaks'", workflow.GetProperty("error").GetString(), StringComparison.Ordinal);
        var never = TaskNamed(workflow, "never");
        Assert.Equal("cancelled", never.GetProperty("status").GetString());
        Assert.Contains("fail_fast", never.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, never.GetProperty("attempt_count").GetInt32());
        Assert.Equal("failed", Phase(workflow, "first").GetProperty("status").GetString());
        Assert.Equal("cancelled", Phase(workflow, "second").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Continue_BranchFails_IndependentBranchCompletesDependentsCancelledThenRetryReopens()
    {
        var flag = Path.Combine(home.Work, "fixed");
        var file = WriteFile(home, "continue.yaml", $"""
            name: Continue
            failure_policy: continue
            phases:
              - id: flaky
                tasks:
                  - name: flaky
                    command: 'test -f {flag} || exit 3; echo flaky-ok'
                    max_retries: 0
              - id: independent
                tasks:
                  - name: independent
                    command: 'sleep 0.3; echo independent-ok'
              - id: after
                depends_on: [flaky]
                tasks:
                  - name: after
                    command: 'printf "%s" "$BATON_UPSTREAM"'
            """);
        using var daemon = await home.StartDaemonAsync();

        var id = await RunAsync(home, file);
        var failed = await WaitEndedAsync(home, id, TimeSpan.FromSeconds(30));

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("completed", TaskNamed(failed, "independent").GetProperty("status").GetString());
        var after = TaskNamed(failed, "after");
        Assert.Equal("cancelled", after.GetProperty("status").GetString());
        Assert.Contains("phase 'flaky'", after.GetProperty("error").GetString(), StringComparison.Ordinal);

        // Fix the cause and retry the failed task: the workflow re-opens and its dependents run.
        File.WriteAllText(flag, string.Empty);
        var retry = await home.RunAsync("task", "retry", TaskNamed(failed, "flaky").GetProperty("task_id").GetString()!);
        Assert.True(retry.ExitCode == 0, retry.ToString());
        var done = await WaitEndedAsync(home, id, TimeSpan.FromSeconds(30));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        var afterTask = await home.StatusAsync(TaskNamed(done, "after").GetProperty("task_id").GetString()!);
        Assert.Contains("flaky-ok", afterTask.GetProperty("result").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_RunningWorkflow_StopsTheRunningProcessAndCancelsTheRest()
    {
        var pidFile = Path.Combine(home.Work, "pid");
        var file = WriteFile(home, "long.yaml", $"""
            name: Long
            phases:
              - id: first
                tasks:
                  - name: long
                    command: 'echo $$ > {pidFile}; exec sleep 600'
              - id: second
                depends_on: [first]
                tasks:
                  - name: later
                    command: 'true'
            """);
        using var daemon = await home.StartDaemonAsync();
        var id = await RunAsync(home, file);
        await Eventually.True(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0, TimeSpan.FromSeconds(30), "the long task to start");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        var cancel = await home.RunAsync("workflow", "cancel", id);

        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        var workflow = await WaitEndedAsync(home, id, TimeSpan.FromSeconds(30));
        Assert.Equal("cancelled", workflow.GetProperty("status").GetString());
        Assert.Equal("cancelled", TaskNamed(workflow, "long").GetProperty("status").GetString());
        Assert.Equal("cancelled", TaskNamed(workflow, "later").GetProperty("status").GetString());
        await Eventually.True(() => !ProcessProbe.IsAlive(pid), TimeSpan.FromSeconds(10), "the cancelled process to exit");
        var again = await home.RunAsync("workflow", "cancel", id);
        Assert.Equal(4, again.ExitCode);

        // Nothing was done: no bar of the status or the list is full, though every task has ended.
        var status = await home.RunAsync("workflow", "status", id);
        var list = await home.RunAsync("workflow", "list");
        Assert.Contains("0/2 0%", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("0/2 0%", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("█", status.Stdout + list.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => home.Dispose();
}
