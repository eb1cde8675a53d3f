using System.Text.Json;
using Baton.EndToEnd.Tests.Mcp;

namespace Baton.EndToEnd.Tests.Notifications;

/// <summary>get_notifications through the official SDK's client over stdio.</summary>
public sealed class GetNotificationsMcpTests : IDisposable
{
    private readonly McpHarness harness = new();

    [Fact]
    public async Task GetNotifications_AfterATaskCompletes_PeekLeavesItUnreadAndATakeMarksIt()
    {
        await using var client = await harness.ConnectStdioAsync();
        var id = await harness.QueueAsync(client);
        await McpHarness.WaitEndedAsync(client, id);

        var peeked = McpHarness.Structured(await McpHarness.CallAsync(client, "get_notifications", """{"peek": true}"""));
        var taken = await McpHarness.CallAsync(client, "get_notifications", """{"limit": 5}""");
        var again = McpHarness.Structured(await McpHarness.CallAsync(client, "get_notifications", "{}"));
        var all = McpHarness.Structured(await McpHarness.CallAsync(client, "get_notifications", """{"unread_only": false, "peek": true}"""));

        var notification = Assert.Single(peeked.GetProperty("notifications").EnumerateArray());
        Assert.Equal(("task_complete", id), (notification.GetProperty("type").GetString(), notification.GetProperty("task_id").GetString()));
        Assert.Equal(JsonValueKind.Null, notification.GetProperty("delivered_at").ValueKind);
        var takenOne = Assert.Single(McpHarness.Structured(taken).GetProperty("notifications").EnumerateArray());
        Assert.Equal(JsonValueKind.String, takenOne.GetProperty("delivered_at").ValueKind);
        Assert.Contains("[task_complete]", McpHarness.Text(taken), StringComparison.Ordinal);
        Assert.Equal(0, again.GetProperty("count").GetInt32());
        Assert.Equal(1, all.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("""{"limit": 0}""", "'limit' must be between 1 and 100")]
    [InlineData("""{"peek": "yes"}""", "'peek' must be true or false")]
    [InlineData("""{"workflow_id": "zzzz"}""", "no workflow with id 'zzzz'")]
    [InlineData("""{"since": 1}""", "get_notifications has no argument 'since'")]
    public async Task GetNotifications_BadArguments_IsErrorNamingTheField(string arguments, string expected)
    {
        await using var client = await harness.ConnectStdioAsync();

        var result = await McpHarness.CallAsync(client, "get_notifications", arguments);

        Assert.True(result.IsError);
        Assert.Contains(expected, McpHarness.Text(result), StringComparison.Ordinal);
    }

    public void Dispose() => harness.Dispose();
}
