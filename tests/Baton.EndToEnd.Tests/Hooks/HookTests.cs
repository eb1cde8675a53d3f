using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Hooks;

/// <summary>Local hooks from baton.json, run by a real daemon for real task events.</summary>
public sealed class HookTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly BatonHome home = new();

    [Fact]
    public async Task Hook_TaskCompletes_RunsWithTheEventsEnvironmentAndAFailingHookLeavesTheTaskCompleted()
    {
        Configure(new JsonArray(
            new JsonObject
            {
                ["events"] = new JsonArray("task.completed", "task.failed"),
                ["command"] = $"env | grep '^BATON_' > \"{home.Work}/hook-$BATON_EVENT_ID.tmp\" && mv \"{home.Work}/hook-$BATON_EVENT_ID.tmp\" \"{home.Work}/hook-$BATON_EVENT_ID.env\"",
            },
            new JsonObject { ["events"] = new JsonArray("task.*"), ["command"] = "echo hook says no >&2; exit 1", ["timeout_seconds"] = 10 }));
        using var daemon = await home.StartDaemonAsync(workers: 1);

        var id = await home.AddAsync("--no-start", "--", "sh", "-c", "echo hi");
        var ended = (await home.WaitTerminalAsync(id, Deadline))!.Value;
        var file = await Eventually.Until(
            () => Task.FromResult(Directory.GetFiles(home.Work, "hook-*.env").FirstOrDefault()), Deadline, "the hook to write its environment");
        var environment = File.ReadAllLines(file).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        await Eventually.True(() => daemon.Output.Contains("Hook hooks[1] for task.completed", StringComparison.Ordinal), Deadline, "the failing hook's warning");

        Assert.Equal("completed", ended.GetProperty("status").GetString());
        Assert.Equal("completed", (await home.StatusAsync(id)).GetProperty("status").GetString());
        Assert.Equal("task.completed", environment["BATON_EVENT"]);
        Assert.Equal(id, environment["BATON_TASK_ID"]);
        Assert.Equal("completed", environment["BATON_STATUS"]);
        Assert.Equal("running", environment["BATON_OLD_STATUS"]);
        Assert.Equal(string.Empty, environment["BATON_WORKTREE"]);
        Assert.Equal(Path.GetFileNameWithoutExtension(file)["hook-".Length..], environment["BATON_EVENT_ID"]);
        Assert.Single(Directory.GetFiles(home.Work, "hook-*.env"));
        Assert.Contains("ended with exit code 1", daemon.Output, StringComparison.Ordinal);
        // Logged without the command or its environment.
        Assert.DoesNotContain("hook says no", daemon.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"BATON_TASK_ID={id}", daemon.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hook_RunsPastItsTimeout_IsStoppedAndLogged()
    {
        Configure(new JsonArray(new JsonObject
        {
            ["events"] = new JsonArray("task.completed"),
            ["command"] = $"echo $$ > \"{home.Work}/hook.pid\"; sleep 30",
            ["timeout_seconds"] = 1,
        }));
        using var daemon = await home.StartDaemonAsync(workers: 1);

        var id = await home.AddAsync("--no-start", "--", "true");
        await home.WaitTerminalAsync(id, Deadline);
        await Eventually.True(() => daemon.Output.Contains("ran past its timeout of 1 s and was stopped", StringComparison.Ordinal), Deadline, "the timeout warning");
        var pid = int.Parse(File.ReadAllText(Path.Combine(home.Work, "hook.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.False(Directory.Exists($"/proc/{pid}"), $"hook shell {pid} outlived its timeout");
    }

    [Fact]
    public async Task Serve_HookWithAnUnknownEventType_RefusesToStartWithAFix()
    {
        Configure(new JsonArray(new JsonObject { ["events"] = new JsonArray("task.done"), ["command"] = "true" }));

        var result = await home.RunAsync("task", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hooks[0].events: 'task.done' is not an event type", result.Stderr, StringComparison.Ordinal);
    }

    private void Configure(JsonArray hooks)
    {
        var path = Path.Combine(home.Dir, "baton.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        config["hooks"] = hooks;
        File.WriteAllText(path, config.ToJsonString());
    }

    public void Dispose() => home.Dispose();
}
