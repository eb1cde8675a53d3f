using Baton.EndToEnd.Tests.Harness;
using Baton.EndToEnd.Tests.Mcp;
using Microsoft.Data.Sqlite;

namespace Baton.EndToEnd.Tests.Interactions;

/// <summary>
/// Steering a running agent (the fake Codex CLI, which runs until stopped) over MCP and REST: the message is stored for
/// the task's worker to deliver, and who sent it is recorded; a command task has no session to tell.
/// </summary>
public sealed class InteractionsSteeringTests : IAsyncLifetime
{
    private readonly McpHarness harness = new("sleep");
    private DaemonProcess daemon = null!;

    public async Task InitializeAsync() => daemon = await harness.StartDaemonAsync();

    public Task DisposeAsync()
    {
        daemon.Dispose();
        harness.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TaskIntervene_MessageToARunningAgent_IsStoredForItsSessionAsSentByTheMcpUser()
    {
        await using var client = await harness.ConnectStdioAsync();
        var taskId = await harness.QueueAsync(client);
        await Eventually.True(
            async () => McpHarness.Structured(await McpHarness.CallAsync(client, "task_status", $$"""{"task_id": "{{taskId}}"}""")).GetProperty("status").GetString() == "running",
            McpHarness.Deadline,
            "the agent to run");

        var sent = await McpHarness.CallAsync(client, "task_intervene", $$"""{"task_id": "{{taskId}}", "action": "message", "message": "Use PostgreSQL instead"}""");

        Assert.False(sent.IsError == true, McpHarness.Text(sent));
        Assert.Contains("its agent gets it now", McpHarness.Text(sent), StringComparison.Ordinal);
        Assert.Equal([$"Use PostgreSQL instead|mcp:{Environment.UserName}"], StoredMessages(taskId));
        await McpHarness.CallAsync(client, "task_cancel", $$"""{"task_id": "{{taskId}}"}""");
    }

    [Fact]
    public async Task Intervene_OnACommandTaskOverRest_IsConflictSayingThereIsNoSession()
    {
        using var http = new HttpClient { BaseAddress = harness.DaemonUrl() };
        var body = $$"""{"name": "cmd", "command": ["sleep", "30"], "working_directory": {{System.Text.Json.JsonSerializer.Serialize(harness.Project)}}}""";
        using var created = await http.PostAsync("/api/v1/tasks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var taskId = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("task_id").GetString()!;

        using var response = await http.PostAsync($"/api/v1/tasks/{taskId}/intervene", new StringContent("""{"message": "hi"}""", System.Text.Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 409, text);
        Assert.Contains("runs a command, not an agent", text, StringComparison.Ordinal);
        Assert.Empty(StoredMessages(taskId));
        await http.PostAsync($"/api/v1/tasks/{taskId}/cancel", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
    }

    private List<string> StoredMessages(string taskId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = harness.Home.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT text, sent_by FROM steering_messages WHERE task_id = $id ORDER BY sent_at";
        command.Parameters.AddWithValue("$id", taskId);
        using var reader = command.ExecuteReader();
        var messages = new List<string>();
        while (reader.Read())
        {
            messages.Add($"{reader.GetString(0)}|{reader.GetString(1)}");
        }

        return messages;
    }
}
