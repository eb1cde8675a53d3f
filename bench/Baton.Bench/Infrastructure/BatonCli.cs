using System.Text.Json;
using Baton.Core.Processes;

namespace Baton.Bench.Infrastructure;

/// <summary>Runs the real baton CLI against a bench data directory, as a user would.</summary>
internal sealed class BatonCli(string home, TimeProvider time)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    /// <summary><c>baton task add --no-start --agent NAME --prompt TEXT --cwd DIR --json</c>; returns the task id.</summary>
    public async Task<string> AddAgentTaskAsync(string agent, string prompt, string workingDirectory, CancellationToken cancellationToken = default)
    {
        using var reply = await RunJsonAsync(
            ["task", "add", "--no-start", "--json", "--agent", agent, "--prompt", prompt, "--cwd", workingDirectory], cancellationToken);
        return reply.RootElement.GetProperty("task_id").GetString()!;
    }

    /// <summary>The task's status and error from <c>baton task status ID --json</c>.</summary>
    public async Task<(string Status, string? Error)> StatusAsync(string taskId, CancellationToken cancellationToken = default)
    {
        using var reply = await RunJsonAsync(["task", "status", taskId, "--json"], cancellationToken);
        var root = reply.RootElement;
        var error = root.TryGetProperty("error", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return (root.GetProperty("status").GetString()!, error);
    }

    private async Task<JsonDocument> RunJsonAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var spec = new ProcessStartSpec(BatonExecutable.Locate(), arguments, home, BatonExecutable.Environment(home));
        var run = await ChildProcesses.RunAsync(spec, time, RunTimeout, cancellationToken);
        return run.Exit.ExitCode == 0
            ? JsonDocument.Parse(run.Stdout)
            : throw new InvalidOperationException($"baton {string.Join(' ', arguments.Take(2))} ended with {run.Exit}: {run.Stderr.Trim()}");
    }
}
