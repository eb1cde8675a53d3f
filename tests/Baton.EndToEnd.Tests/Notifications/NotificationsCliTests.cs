using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Notifications;

/// <summary><c>baton notifications</c> and <c>baton milestone</c> against a real daemon running real tasks.</summary>
public sealed class NotificationsCliTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly BatonHome home = new();

    [Fact]
    public async Task Notifications_TaskCompletesAndOneFails_ShowsBothOnceAndThenNothingUnread()
    {
        using var daemon = await home.StartDaemonAsync(workers: 2);
        var ok = await home.AddAsync("--no-start", "--name", "good", "--", "sh", "-c", "echo fine");
        var bad = await home.AddAsync("--no-start", "--name", "bad", "--max-retries", "0", "--", "sh", "-c", "echo broken >&2; exit 3");
        await home.WaitTerminalAsync(ok, Deadline);
        await home.WaitTerminalAsync(bad, Deadline);

        var peeked = await NotificationsAsync("--peek");
        var taken = await NotificationsAsync();
        var again = await NotificationsAsync();
        var all = await NotificationsAsync("--all");

        Assert.Equal(
            [("task_complete", ok), ("task_failure", bad)],
            peeked.Select(n => (n.GetProperty("type").GetString(), n.GetProperty("task_id").GetString())).OrderBy(n => n.Item1));
        Assert.All(peeked, n => Assert.Equal(JsonValueKind.Null, n.GetProperty("delivered_at").ValueKind));
        Assert.Contains(peeked, n => n.GetProperty("message").GetString() == $"Task \"bad\" ({bad}) failed: broken");
        Assert.Equal(2, taken.Count);
        Assert.All(taken, n => Assert.Equal(JsonValueKind.String, n.GetProperty("delivered_at").ValueKind));
        Assert.Empty(again);
        Assert.Equal(2, all.Count);
    }

    [Fact]
    public async Task Milestone_FromInsideARunningShellTask_IsAMilestoneNotificationOfThatTask()
    {
        using var daemon = await home.StartDaemonAsync(workers: 1);
        var id = await home.AddAsync("--no-start", "--", "sh", "-c", $"\"{BatonExecutable.Path}\" milestone 'schema migrated' && echo done");

        var ended = (await home.WaitTerminalAsync(id, Deadline))!.Value;
        var milestone = Assert.Single(await NotificationsAsync("--peek"), n => n.GetProperty("type").GetString() == "milestone");

        Assert.Equal("completed", ended.GetProperty("status").GetString());
        Assert.Equal(id, milestone.GetProperty("task_id").GetString());
        Assert.Equal("schema migrated", milestone.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Milestone_InATaskOfADaemonWithoutBatonOnPath_FindsBatonAndStaysOutOfTheResult()
    {
        // As after 'dotnet run ... serve': the daemon's PATH has no baton on it.
        using var daemon = await home.StartDaemonAsync(workers: 1, environment: new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" });
        var id = await home.AddAsync("--no-start", "--", "sh", "-c",
            "baton milestone 'first' && \"$BATON_EXE\" milestone 'second' && [ \"$BATON_EXE\" = \"$(command -v baton)\" ] && echo done");

        var ended = (await home.WaitTerminalAsync(id, Deadline))!.Value;
        var milestones = (await NotificationsAsync("--peek")).Where(n => n.GetProperty("type").GetString() == "milestone").ToList();

        Assert.True(ended.GetProperty("status").GetString() == "completed", ended.ToString());
        Assert.Equal("done\n", ended.GetProperty("result").GetString());
        Assert.Equal(["first", "second"], milestones.Select(m => m.GetProperty("message").GetString()).Order());
        Assert.All(milestones, m => Assert.Equal(id, m.GetProperty("task_id").GetString()));
    }

    [Fact]
    public async Task Milestone_UnknownTask_ExitsNotFoundWithAClearMessage()
    {
        var result = await home.RunAsync("milestone", "hello", "--task", "abcdef123456");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no task with id 'abcdef123456'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Milestone_OutsideATaskWithoutFlags_AsksForATaskOrWorkflow()
    {
        var result = await home.RunAsync(["milestone", "hello"], Deadline, new Dictionary<string, string> { ["BATON_TASK_ID"] = "", ["BATON_WORKFLOW_ID"] = "" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("a milestone needs a task_id or a workflow_id", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> NotificationsAsync(params string[] flags)
    {
        var result = await home.RunAsync(["notifications", "--json", .. flags], Deadline);
        Assert.True(result.ExitCode == 0, result.ToString());
        var notifications = result.Json.GetProperty("notifications").EnumerateArray().Select(n => n.Clone()).ToList();
        Assert.Equal(notifications.Count, result.Json.GetProperty("count").GetInt32());
        return notifications;
    }

    public void Dispose() => home.Dispose();
}
