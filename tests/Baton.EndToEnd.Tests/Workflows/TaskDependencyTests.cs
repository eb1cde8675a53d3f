using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Workflows;

/// <summary>A task on its own that depends on other tasks (task_async's depends_on), through the real executable.</summary>
public sealed class TaskDependencyTests : IDisposable
{
    private readonly BatonHome home = new();

    [Fact]
    public async Task DependsOn_TwoTasks_StartsAfterBothAndReceivesTheirResults()
    {
        using var daemon = await home.StartDaemonAsync();
        var left = await home.AddAsync("--no-start", "--name", "left", "--", "sh", "-c", "sleep 0.5; echo left-result");
        var right = await home.AddAsync("--no-start", "--name", "right", "--", "sh", "-c", "echo right-result");

        var synthesis = await home.AddAsync("--no-start", "--name", "synthesis", "--depends-on", left, "--depends-on", right[..6],
            "--", "sh", "-c", "printf '%s' \"$BATON_UPSTREAM\"");
        var status = (await home.WaitTerminalAsync(synthesis, TimeSpan.FromSeconds(30)))!.Value;

        Assert.Equal("completed", status.GetProperty("status").GetString());
        var result = status.GetProperty("result").GetString()!;
        Assert.Contains("left-result", result, StringComparison.Ordinal);
        Assert.Contains("right-result", result, StringComparison.Ordinal);
        var leftDone = (await home.StatusAsync(left)).GetProperty("completed_at").GetDateTimeOffset();
        Assert.True(status.GetProperty("started_at").GetDateTimeOffset() >= leftDone, "synthesis started before left completed");
        Assert.Equal([left, right], status.GetProperty("depends_on").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task DependsOn_UpstreamFails_DependentCancelledNamingIt()
    {
        using var daemon = await home.StartDaemonAsync();
        // The upstream fails only once the dependent is queued (queuing on an upstream that already failed is refused).
        var go = Path.Combine(home.Work, "go");
        var upstream = await home.AddAsync("--no-start", "--name", "upstream", "--max-retries", "0", "--", "sh", "-c", $"while [ ! -f {go} ]; do sleep 0.05; done; exit 4");
        var dependent = await home.AddAsync("--no-start", "--depends-on", upstream, "--", "echo", "never");
        File.WriteAllText(go, string.Empty);

        var status = (await home.WaitTerminalAsync(dependent, TimeSpan.FromSeconds(30)))!.Value;

        Assert.Equal("cancelled", status.GetProperty("status").GetString());
        Assert.Contains($"'upstream' ({upstream})", status.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, status.GetProperty("attempt_count").GetInt32());
    }

    [Fact]
    public async Task DependsOn_UnknownOrFailedTask_Refused()
    {
        using var daemon = await home.StartDaemonAsync();
        var failed = await home.AddAsync("--no-start", "--max-retries", "0", "--", "false");
        await home.WaitTerminalAsync(failed, TimeSpan.FromSeconds(30));

        var unknown = await home.RunAsync("task", "add", "--no-start", "--depends-on", "zzzzzzzzzzzz", "--", "true");
        var onFailed = await home.RunAsync("task", "add", "--no-start", "--depends-on", failed, "--", "true");

        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("zzzzzzzzzzzz", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, onFailed.ExitCode);
        Assert.Contains("could never run", onFailed.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => home.Dispose();
}
