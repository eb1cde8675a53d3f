using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;
using static Baton.EndToEnd.Tests.Workflows.WorkflowHarness;

namespace Baton.EndToEnd.Tests.Workflows;

/// <summary>Phase gates through the real executable and daemon: waiting, approving with feedback, rejecting, and refusals.</summary>
public sealed class PhaseGateTests : IDisposable
{
    private readonly BatonHome home = new();

    [Fact]
    public async Task Approve_GatedPhaseWaitsAfterUpstream_ThenRunsWithTheFeedbackInItsUpstream()
    {
        using var daemon = await home.StartDaemonAsync(workers: 2);
        var id = await RunAsync(home, WriteFile(home, "gated.yaml", Gated("fail_fast")));

        var waiting = await WaitPhaseAsync(id, "build", "input_required");
        var build = TaskNamed(waiting, "build");
        Assert.Equal("completed", Phase(waiting, "design").GetProperty("status").GetString());
        Assert.True(Phase(waiting, "build").GetProperty("requires_approval").GetBoolean());
        Assert.Equal(("pending", 0), (build.GetProperty("status").GetString(), build.GetProperty("attempt_count").GetInt32()));
        Assert.Equal("running", waiting.GetProperty("status").GetString());

        var shown = await home.RunAsync("workflow", "status", id);
        Assert.Contains($"waits for approval: baton workflow approve|reject {id} build", shown.Stdout.ReplaceLineEndings(string.Empty), StringComparison.Ordinal);

        var approve = await home.RunAsync("workflow", "approve", id, "build", "--with-feedback", "use SQLite, not PostgreSQL");
        var again = await home.RunAsync("workflow", "approve", id, "build");
        var workflow = await WaitEndedAsync(home, id, TimeSpan.FromSeconds(60));

        Assert.True(approve.ExitCode == 0, approve.ToString());
        Assert.Contains("approved", approve.Stdout, StringComparison.Ordinal);
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("already approved by cli:", again.Stderr, StringComparison.Ordinal);
        Assert.Equal("completed", workflow.GetProperty("status").GetString());
        var gate = Phase(workflow, "build").GetProperty("gate");
        Assert.Equal("approve", gate.GetProperty("decision").GetString());
        Assert.StartsWith("cli:", gate.GetProperty("decided_by").GetString(), StringComparison.Ordinal);
        var result = (await home.StatusAsync(TaskNamed(workflow, "build").GetProperty("task_id").GetString()!)).GetProperty("result").GetString();
        Assert.Contains("the-design", result, StringComparison.Ordinal);
        Assert.Contains("who approved phase 'build'\nuse SQLite, not PostgreSQL", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_FailFast_FailsThePhaseWithTheMessageAndCancelsWhatFollows()
    {
        using var daemon = await home.StartDaemonAsync(workers: 2);
        var id = await RunAsync(home, WriteFile(home, "gated.yaml", Gated("fail_fast")));
        await WaitPhaseAsync(id, "build", "input_required");

        var reject = await home.RunAsync("workflow", "reject", id, "build", "--message", "the design misses auth");
        var workflow = await WaitEndedAsync(home, id, TimeSpan.FromSeconds(30));

        Assert.True(reject.ExitCode == 0, reject.ToString());
        Assert.Contains("the workflow failed (fail_fast)", reject.Stdout, StringComparison.Ordinal);
        Assert.Equal("failed", workflow.GetProperty("status").GetString());
        Assert.StartsWith("phase 'build' was rejected by cli:", workflow.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("the design misses auth", workflow.GetProperty("error").GetString(), StringComparison.Ordinal);
        var build = TaskNamed(workflow, "build");
        Assert.Equal(("failed", 0), (build.GetProperty("status").GetString(), build.GetProperty("attempt_count").GetInt32()));
        Assert.Contains("the design misses auth", build.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", Phase(workflow, "build").GetProperty("status").GetString());
        Assert.Equal("cancelled", TaskNamed(workflow, "ship").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reject_Continue_IndependentBranchStillCompletes()
    {
        using var daemon = await home.StartDaemonAsync(workers: 2);
        var id = await RunAsync(home, WriteFile(home, "gated.yaml", Gated("continue")));
        await WaitPhaseAsync(id, "build", "input_required");

        var reject = await home.RunAsync("workflow", "reject", id, "build");
        var workflow = await WaitEndedAsync(home, id, TimeSpan.FromSeconds(30));

        Assert.True(reject.ExitCode == 0, reject.ToString());
        Assert.Equal("failed", workflow.GetProperty("status").GetString());
        Assert.Equal("completed", TaskNamed(workflow, "docs").GetProperty("status").GetString());
        Assert.Equal("cancelled", TaskNamed(workflow, "ship").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Approve_NothingToDecide_ExitCodesSayWhy()
    {
        var flag = Path.Combine(home.Work, "go");
        using var daemon = await home.StartDaemonAsync(workers: 2);
        var id = await RunAsync(home, WriteFile(home, "slow.yaml", $$"""
            name: Slow upstream
            phases:
              - id: design
                tasks:
                  - name: design
                    command: 'while [ ! -f {{flag}} ]; do sleep 0.05; done; echo the-design'
              - id: build
                depends_on: [design]
                requires_approval: true
                tasks:
                  - name: build
                    command: 'echo built'
            """));

        var early = await home.RunAsync("workflow", "approve", id, "build");
        var ungated = await home.RunAsync("workflow", "approve", id, "design");
        var unknown = await home.RunAsync("workflow", "reject", id, "deploy");
        File.WriteAllText(flag, string.Empty);
        await WaitPhaseAsync(id, "build", "input_required");

        Assert.Equal(4, early.ExitCode);
        Assert.Contains("does not wait for approval (pending): the phases it depends on have not completed yet", early.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, ungated.ExitCode);
        Assert.Contains("has no approval gate", ungated.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("has no phase 'deploy'; its phases are 'design', 'build'", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPhase_RequiresApproval_StepByStepWorkflowWaitsAtTheGate()
    {
        using var daemon = await home.StartDaemonAsync(workers: 1);
        var id = (await home.RunAsync("workflow", "create", "stepwise", "--json")).Json.GetProperty("workflow_id").GetString()!;
        var phase = await home.RunAsync("workflow", "add-phase", id, "deploy", "--requires-approval");
        var task = await home.RunAsync("workflow", "add-task", id, "deploy", "--name", "deploy", "--", "sh", "-c", "echo deployed");
        var start = await home.RunAsync("workflow", "start", id);

        Assert.True(phase.ExitCode == 0, phase.ToString());
        Assert.Contains("waits for 'baton workflow approve'", phase.Stdout, StringComparison.Ordinal);
        Assert.True(task.ExitCode == 0 && start.ExitCode == 0, task + "\n" + start);
        await WaitPhaseAsync(id, "deploy", "input_required");
        Assert.Equal(0, (await home.RunAsync("workflow", "approve", id, "deploy")).ExitCode);
        Assert.Equal("completed", (await WaitEndedAsync(home, id, TimeSpan.FromSeconds(30))).GetProperty("status").GetString());
    }

    public void Dispose() => home.Dispose();

    private static string Gated(string policy) => $"""
        name: Gated
        failure_policy: {policy}
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
                command: 'printf "%s" "$BATON_UPSTREAM"'
                max_retries: 0
          - id: ship
            depends_on: [build]
            tasks:
              - name: ship
                command: 'echo shipped'
          - id: docs
            tasks:
              - name: docs
                command: 'echo docs'
        """;

    private async Task<JsonElement> WaitPhaseAsync(string workflowId, string phaseId, string status)
    {
        JsonElement last = default;
        await Eventually.True(
            async () => Phase(last = await StatusAsync(home, workflowId), phaseId).GetProperty("status").GetString() == status,
            TimeSpan.FromSeconds(30),
            $"phase {phaseId} to be {status}");
        return last;
    }
}
