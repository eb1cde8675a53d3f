using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Application.Fields;
using Baton.EndToEnd.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace Baton.EndToEnd.Tests.Mcp;

/// <summary>
/// The task fields' one descriptor against the daemon: REST's OpenAPI document has every field with its limits, and a
/// task described over MCP is stored exactly as the same task described over REST.
/// </summary>
public sealed class TaskFieldsAcrossInterfacesTests : IAsyncLifetime
{
    // Columns that differ between any two tasks, whoever queued them.
    private static readonly string[] OwnColumns = ["seq", "id", "created_at", "updated_at", "idempotency_key", "created_by"];

    private readonly McpHarness harness = new();
    private readonly HttpClient http = new();
    private DaemonProcess daemon = null!;

    public async Task InitializeAsync() => daemon = await harness.StartDaemonAsync();

    public Task DisposeAsync()
    {
        http.Dispose();
        daemon.Dispose();
        harness.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task OpenApiDocument_TaskBody_HasEveryFieldByNameWithItsLimits()
    {
        var document = JsonNode.Parse(await http.GetStringAsync(new Uri(harness.DaemonUrl(), "/openapi/v1.json")))!;

        foreach (var body in new[] { "TaskBody", "WorkflowTaskBody" })
        {
            var properties = document["components"]!["schemas"]![body]!["properties"]!.AsObject();
            foreach (var field in TaskFields.On(TaskFieldSurfaces.Rest))
            {
                var property = properties[field.Name];
                Assert.True(property is not null, $"{body} has no property '{field.Name}'");
                switch (field.Kind)
                {
                    case TaskFieldKind.Text:
                        Assert.Equal(field.MaxLength, (int?)property["maxLength"]);
                        break;
                    case TaskFieldKind.Integer:
                        Assert.Equal(field.Minimum, (int?)property["minimum"]);
                        Assert.Equal(field.Maximum, (int?)property["maximum"]);
                        break;
                    case TaskFieldKind.TextList:
                        Assert.Equal(field.MaxItems, (int?)property["maxItems"]);
                        Assert.Equal(field.MaxLength, (int?)property["items"]?["maxLength"]);
                        break;
                    case TaskFieldKind.TextMap:
                        Assert.Equal(field.MaxItems, (int?)property["maxProperties"]);
                        break;
                }
            }
        }
    }

    [Fact]
    public async Task TaskAsync_WithTheFieldsMcpGained_StoresTheTaskExactlyAsRestDoes()
    {
        await GitAsync("init", "-q");
        await GitAsync("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "--allow-empty", "-m", "start");
        var runAt = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string Fields(string key) => $$"""
            {"name": "fields", "command": ["sh", "-c", "exit 0"], "environment": {"GREETING": "hi", "LEVEL": "2"}, "run_at": "{{runAt}}",
             "worktree": true, "keep_worktree": true, "retry_on_timeout": true, "timeout_seconds": 60, "max_retries": 2, "retry_backoff": "fixed",
             "priority": "high", "tags": ["a", "b"], "requires_labels": ["repo=/srv/app", "gpu"], "metadata": {"k": "v"}, "model": "m1", "working_directory": {{JsonSerializer.Serialize(harness.Project)}},
             "idempotency_key": "{{key}}"}
            """;

        using var rest = await http.PostAsync(new Uri(harness.DaemonUrl(), "/api/v1/tasks"), new StringContent(Fields("rest"), Encoding.UTF8, "application/json"));
        Assert.True(rest.StatusCode == HttpStatusCode.Created, await rest.Content.ReadAsStringAsync());
        var restId = JsonDocument.Parse(await rest.Content.ReadAsStringAsync()).RootElement.GetProperty("task_id").GetString()!;
        await using var client = await harness.ConnectHttpAsync();
        var mcp = await McpHarness.CallAsync(client, "task_async", Fields("mcp"));
        Assert.False(mcp.IsError == true, McpHarness.Text(mcp));
        var mcpId = McpHarness.Structured(mcp).GetProperty("task_id").GetString()!;

        var overRest = StoredTask(restId);
        var overMcp = StoredTask(mcpId);

        Assert.Equal(overRest, overMcp);
        Assert.Contains("environment={\"GREETING\":\"hi\",\"LEVEL\":\"2\"}", overMcp);
        Assert.Contains("retry_on_timeout=1", overMcp);
        Assert.Contains("program=sh", overMcp);
        Assert.Contains("requires_labels=[\"gpu\",\"repo=/srv/app\"]", overMcp);
    }

    /// <summary>The task's stored row as column=value lines, leaving out what every task has of its own.</summary>
    private List<string> StoredTask(string id)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = harness.Home.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM tasks WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), $"task {id} is not stored");
        return [.. Enumerable.Range(0, reader.FieldCount)
            .Where(i => !OwnColumns.Contains(reader.GetName(i)))
            .Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))}")];
    }

    private async Task GitAsync(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = harness.Project, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var git = Process.Start(start)!;
        await git.WaitForExitAsync();
        Assert.True(git.ExitCode == 0, await git.StandardError.ReadToEndAsync());
    }
}
