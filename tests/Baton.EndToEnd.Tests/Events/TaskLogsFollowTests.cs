using System.Diagnostics;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Events;

/// <summary><c>baton task logs --follow</c>: output as it is written, and the end learnt from the event log.</summary>
public sealed class TaskLogsFollowTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Follow_ShellTaskWritingOverTime_PrintsEachLineAsWrittenAndExitsZeroWhenItEnds()
    {
        using var home = new BatonHome();
        using var daemon = await home.StartDaemonAsync();
        // The task holds after its first line until the test has seen that line: proof that it was streamed.
        var gate = Path.Combine(home.Work, "gate");
        var id = await home.AddAsync("--", "sh", "-c", $"echo line1; while [ ! -f {gate} ]; do sleep 0.05; done; for i in 2 3; do echo line$i; sleep 0.3; done");

        using var follow = Follow(home, id);
        var first = await follow.StandardOutput.ReadLineAsync().WaitAsync(Deadline);
        File.WriteAllText(gate, string.Empty);
        var rest = await follow.StandardOutput.ReadToEndAsync().WaitAsync(Deadline);
        await follow.WaitForExitAsync().WaitAsync(Deadline);

        Assert.Equal("line1", first);
        Assert.Equal("line2\nline3\n", rest);
        Assert.Equal(0, follow.ExitCode);
    }

    [Fact]
    public async Task Follow_TaskThatFails_PrintsItsOutputAndExitsOne()
    {
        using var home = new BatonHome();
        using var daemon = await home.StartDaemonAsync();
        var id = await home.AddAsync("--", "sh", "-c", "echo before; sleep 0.3; echo after; exit 3");

        var (exit, lines) = await FollowAsync(home, id);

        Assert.Equal(1, exit);
        Assert.Equal(["before", "after"], lines);
    }

    private static async Task<(int Exit, List<string> Lines)> FollowAsync(BatonHome home, string id)
    {
        using var process = Follow(home, id);
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(Deadline);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
        }

        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode is 0 or 1, $"exit {process.ExitCode}: {await stderr}");
        return (process.ExitCode, lines);
    }

    /// <summary>Starts <c>baton task logs ID --follow</c> against the home, its output on pipes.</summary>
    private static Process Follow(BatonHome home, string id)
    {
        var start = new ProcessStartInfo(BatonExecutable.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home.Work,
        };
        foreach (var arg in new[] { "task", "logs", id, "--follow" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["BATON_HOME"] = home.Dir;
        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start)!;
    }
}
