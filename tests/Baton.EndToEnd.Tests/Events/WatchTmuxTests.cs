using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Events;

/// <summary><c>baton watch</c> on a real terminal: tmux runs it, the test reads the screen.</summary>
public sealed class WatchTmuxTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Watch_WorkflowRunning_ShowsBarsAndRunningTaskThenCompletedAndExitsZero()
    {
        using var home = new BatonHome();
        using var daemon = await home.StartDaemonAsync();
        // The first task holds until the test has seen it running on screen.
        var gate = Path.Combine(home.Work, "gate");
        var file = Path.Combine(home.Work, "watched.yaml");
        File.WriteAllText(file, $"""
            name: Watched pipeline
            phases:
              - id: design
                tasks:
                  - name: sketch-the-design
                    command: 'while [ ! -f {gate} ]; do sleep 0.05; done'
              - id: build
                depends_on: [design]
                tasks:
                  - name: compile
                    command: 'sleep 0.5'
            """);
        var run = await home.RunAsync("workflow", "run", "--json", file);
        Assert.True(run.ExitCode == 0, run.ToString());
        var workflowId = run.Json.GetProperty("workflow_id").GetString()!;
        var status = Path.Combine(home.Work, "watch-exit");

        using var tmux = await TmuxSession.StartAsync(
            $"env BATON_HOME='{home.Dir}' '{BatonExecutable.Path}' watch --workflow {workflowId}; echo $? > '{status}'; exec cat");

        var running = await ScreenAsync(tmux, s => s.Contains("▶ sketch-the-design", StringComparison.Ordinal), "the running task on screen");
        File.WriteAllText(gate, string.Empty);
        var ended = await ScreenAsync(tmux, s => s.Contains($"Workflow {workflowId} completed", StringComparison.Ordinal), "the completed workflow");
        await Eventually.True(() => File.Exists(status) && File.ReadAllText(status).Length > 0, Deadline, "watch to exit");

        Assert.Contains("Watched pipeline", running, StringComparison.Ordinal);
        Assert.Matches(@"design\s+░+ 0/1 0%\s+running", running);
        Assert.Matches(@"build\s+░+ 0/1 0%\s+pending", running);
        Assert.Matches(@"█+ 2/2 100%\s+completed", ended);
        Assert.Matches(@"build\s+█+ 1/1 100%\s+completed", ended);
        Assert.Contains("workflow.completed", ended, StringComparison.Ordinal);
        Assert.Equal("0", File.ReadAllText(status).Trim());
    }

    [Fact]
    public async Task Watch_CtrlC_ExitsZero()
    {
        using var home = new BatonHome();
        var status = Path.Combine(home.Work, "watch-exit");
        using var tmux = await TmuxSession.StartAsync($"env BATON_HOME='{home.Dir}' '{BatonExecutable.Path}' watch; echo $? > '{status}'; exec cat");
        await ScreenAsync(tmux, s => s.Contains("No running workflows.", StringComparison.Ordinal), "the empty view");

        await tmux.SendKeysAsync("C-c");

        await Eventually.True(() => File.Exists(status) && File.ReadAllText(status).Length > 0, Deadline, "watch to exit");
        Assert.Equal("0", File.ReadAllText(status).Trim());
    }

    private static async Task<string> ScreenAsync(TmuxSession tmux, Func<string, bool> shows, string what)
    {
        string screen = string.Empty;
        try
        {
            await Eventually.True(async () => shows(screen = await tmux.CaptureAsync()), Deadline, what);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; the screen was:\n{screen}", ex);
        }

        return screen;
    }
}
