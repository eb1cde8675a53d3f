using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;
using static Baton.EndToEnd.Tests.Workflows.WorkflowHarness;

namespace Baton.EndToEnd.Tests.Schedules;

/// <summary>
/// <c>baton schedule add|list|show|history</c> through the real executable with a real daemon: a schedule of a task and
/// a schedule of a whole workflow, whose file is kept in the schedule (it may be gone when the schedule fires).
/// </summary>
public sealed class ScheduleCliTests : IDisposable
{
    private const string TwoPhases = """
        name: Nightly
        vars:
          word: plain
        phases:
          - id: build
            tasks:
              - id: compile
                name: compile
                command: 'echo "built {{vars.word}}"'
          - id: report
            depends_on: [build]
            tasks:
              - name: report
                command: 'printf "%s" "$BATON_UPSTREAM"'
        """;

    private readonly BatonHome home = new();

    [Fact]
    public async Task AddWorkflow_EverySecond_FiresTheWorkflowAndHistoryShowsItCompleted()
    {
        var file = WriteFile(home, "nightly.yaml", TwoPhases);
        using var daemon = await home.StartDaemonAsync(workers: 2);

        var added = await home.RunAsync("schedule", "add", "--name", "nightly", "--every", "1s", "--workflow", file, "--var", "word=hi");
        File.Delete(file);

        Assert.True(added.ExitCode == 0, added.ToString());
        var completed = await Eventually.Until(
            async () =>
            {
                var history = await home.RunAsync("schedule", "history", "nightly", "--json");
                Assert.True(history.ExitCode == 0, history.ToString());
                return history.Json.GetProperty("occurrences").EnumerateArray()
                    .Where(o => o.GetProperty("outcome").GetString() == "fired" && o.TryGetProperty("workflow_status", out var s) && s.GetString() == "completed")
                    .Select(o => o.GetProperty("workflow_id").GetString())
                    .FirstOrDefault();
            },
            TimeSpan.FromSeconds(60),
            "a fired occurrence whose workflow completed");
        await home.RunAsync("schedule", "pause", "nightly");
        var workflow = await StatusAsync(home, completed!);
        Assert.Equal(["build", "report"], workflow.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase_id").GetString()));
        var report = (await home.StatusAsync(TaskNamed(workflow, "report").GetProperty("task_id").GetString()!)).GetProperty("result").GetString()!;
        Assert.Contains("built hi", report, StringComparison.Ordinal);
        var text = await home.RunAsync("schedule", "history", "nightly");
        Assert.Contains($"workflow {completed} (completed)", text.Stdout, StringComparison.Ordinal);
        var list = await home.RunAsync("schedule", "list");
        Assert.Contains("workflow nightly.yaml with word=hi", list.Stdout, StringComparison.Ordinal);
        var show = await home.RunAsync("schedule", "show", "nightly");
        Assert.Contains("Runs:      workflow nightly.yaml with word=hi", show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddWorkflow_BadFile_IsRefusedNamingTheFileLineAndProblem()
    {
        var file = WriteFile(home, "broken.yaml", TwoPhases.Replace("depends_on: [build]", "depends_on: [biuld]", StringComparison.Ordinal));

        var refused = await home.RunAsync("schedule", "add", "--name", "broken", "--cron", "@daily", "--workflow", file);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("broken.yaml", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("'biuld'", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("No schedules yet", (await home.RunAsync("schedule", "list")).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddWorkflow_WithACommandOrAMissingFile_IsRefusedWithWhatToDo()
    {
        var file = WriteFile(home, "nightly.yaml", TwoPhases);

        var both = await home.RunAsync("schedule", "add", "--name", "both", "--every", "1h", "--workflow", file, "--", "true");
        var missing = await home.RunAsync("schedule", "add", "--name", "missing", "--every", "1h", "--workflow", Path.Combine(home.Work, "nope.yaml"));

        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--workflow starts the tasks the file describes; drop the command after --", both.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.yaml' does not exist", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTask_ListShowAndHistory_PrintTheSchedule()
    {
        var added = await home.RunAsync("schedule", "add", "--name", "hourly", "--cron", "0 * * * *", "--tz", "Europe/Berlin", "--overlap", "buffer_one", "--", "echo", "hi");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains("Schedule hourly added; next occurrence", added.Stdout, StringComparison.Ordinal);
        var list = await home.RunAsync("schedule", "list", "--json");
        var schedule = Assert.Single(list.Json.GetProperty("schedules").EnumerateArray());
        Assert.Equal(("hourly", "Europe/Berlin", "buffer_one"), (schedule.GetProperty("name").GetString(),
            schedule.GetProperty("spec").GetProperty("time_zone").GetString(), schedule.GetProperty("spec").GetProperty("overlap").GetString()));
        Assert.Equal(JsonValueKind.Undefined, schedule.GetProperty("spec").TryGetProperty("workflow", out var none) ? none.ValueKind : JsonValueKind.Undefined);
        var show = await home.RunAsync("schedule", "show", "hourly");
        Assert.Contains("Runs:      echo hi", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("overlap buffer_one", show.Stdout, StringComparison.Ordinal);
        var history = await home.RunAsync("schedule", "history", "hourly");
        Assert.Equal(0, history.ExitCode);
        Assert.Contains("has not had an occurrence yet", history.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => home.Dispose();
}
