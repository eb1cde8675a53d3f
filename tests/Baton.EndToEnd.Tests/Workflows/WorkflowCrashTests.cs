using Baton.EndToEnd.Tests.Harness;
using static Baton.EndToEnd.Tests.Workflows.WorkflowHarness;

namespace Baton.EndToEnd.Tests.Workflows;

/// <summary>kill -9 of the daemon in the middle of a workflow: after a restart every phase runs once, in order.</summary>
public sealed class WorkflowCrashTests : IDisposable
{
    private readonly BatonHome home = new();

    [Fact]
    public async Task KillDaemon_MidWorkflow_RestartFinishesEveryPhaseOnceInOrder()
    {
        var timeline = Path.Combine(home.Work, "timeline");
        var runs = Path.Combine(home.Work, "runs");
        // The middle phase's first attempts hang, so the daemon dies while they run; their re-runs finish at once.
        string Step(string name, bool hangsFirst) =>
            $"echo \"{name} $BATON_ATTEMPT\" >> {runs}; "
            + Timed(timeline, name, hangsFirst ? "if [ \"$BATON_ATTEMPT\" = 1 ]; then sleep 600; fi" : "sleep 0.2", $"{name}-done");
        var file = WriteFile(home, "crash.yaml", $"""
            name: Crash
            phases:
              - id: one
                tasks:
                  - name: one
                    command: '{Step("one", false)}'
              - id: two
                depends_on: [one]
                tasks:
                  - name: two-a
                    command: '{Step("two-a", true)}'
                  - name: two-b
                    command: '{Step("two-b", true)}'
              - id: three
                depends_on: [two]
                tasks:
                  - name: three
                    command: '{Step("three", false)}'
            """);
        var first = await home.StartDaemonAsync();
        var id = await RunAsync(home, file);
        await Eventually.True(
            () => File.Exists(runs) && File.ReadAllLines(runs).Count(l => l.StartsWith("two-", StringComparison.Ordinal)) == 2,
            TimeSpan.FromSeconds(30),
            "both tasks of phase two to run");

        first.KillHard();
        using var second = await home.StartDaemonAsync();
        var workflow = await WaitEndedAsync(home, id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", workflow.GetProperty("status").GetString());
        var lines = File.ReadAllLines(runs).Select(l => l.Split(' ')).ToList();
        // Phases one and three ran once; phase two's tasks ran twice (the first attempt was interrupted by the crash).
        Assert.Single(lines, l => l[0] == "one");
        Assert.Single(lines, l => l[0] == "three");
        Assert.Equal(["1", "2"], lines.Where(l => l[0] == "two-a").Select(l => l[1]));
        Assert.Equal(["1", "2"], lines.Where(l => l[0] == "two-b").Select(l => l[1]));
        var marks = ReadTimeline(timeline);
        Assert.True(marks["two-a"].Start > marks["one"].End && marks["two-b"].Start > marks["one"].End, "phase two started before one ended");
        Assert.True(marks["three"].Start > Math.Max(marks["two-a"].End, marks["two-b"].End), "phase three started before two ended");
        foreach (var task in AllTasks(workflow))
        {
            var status = await home.StatusAsync(task.GetProperty("task_id").GetString()!);
            var attempts = status.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("status").GetString()).ToList();
            Assert.Equal(1, attempts.Count(s => s == "completed"));
        }

        Assert.Equal(0, (await home.RunAsync("task", "list", "--status", "running", "--json")).Json.GetArrayLength());
    }

    public void Dispose() => home.Dispose();
}
