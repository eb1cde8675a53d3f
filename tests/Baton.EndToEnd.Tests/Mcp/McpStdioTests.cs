using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace Baton.EndToEnd.Tests.Mcp;

/// <summary>The official SDK's client against <c>baton mcp</c> as a subprocess, over stdio.</summary>
public sealed class McpStdioTests : IDisposable
{
    private static readonly string[] BriefTools =
        ["task_async", "task_status", "task_cancel", "workflow_create", "workflow_add_phase", "workflow_add_task", "workflow_start", "workflow_status", "list_tasks", "get_notifications", "list_interactions", "interaction_respond", "task_intervene", "schedule_create", "schedule_list", "schedule_update", "stream_list"];

    private static readonly string[] TaskArguments =
    [
        "name", "agent_name", "agent_instructions", "priority", "timeout_seconds", "webhook_url", "max_retries", "retry_backoff", "tags",
        "metadata", "working_directory", "runner", "model", "depends_on", "idempotency_key", "command", "environment", "run_at",
        "retry_on_timeout", "worktree", "keep_worktree", "requires_labels", "input_timeout_seconds", "on_input_timeout", "budget_usd",
    ];

    private readonly McpHarness harness = new();

    [Fact]
    public async Task ListTools_OverStdio_AreTheBriefsToolsWithItsArgumentNamesAndStrictSchemas()
    {
        await using var client = await harness.ConnectStdioAsync();

        var tools = await client.ListToolsAsync();

        Assert.Equal(BriefTools, tools.Select(t => t.Name));
        Assert.All(tools, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
        Assert.All(tools, t => Assert.False(t.JsonSchema.GetProperty("additionalProperties").GetBoolean()));
        var taskAsync = tools.Single(t => t.Name == "task_async").JsonSchema;
        Assert.Equal(TaskArguments, taskAsync.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["name"], taskAsync.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        var addTask = tools.Single(t => t.Name == "workflow_add_task").JsonSchema;
        Assert.Equal(["workflow_id", "phase_id", .. TaskArguments], addTask.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["workflow_id", "phase_id", "name", "depends_on", "requires_approval"], tools.Single(t => t.Name == "workflow_add_phase").JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["status", "workflow_id", "tag", "limit"], tools.Single(t => t.Name == "list_tasks").JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task TaskAsync_WithNoDaemonRunning_ReturnsAtOnceAndTheDaemonItStartedCompletesTheTask()
    {
        await using var client = await harness.ConnectStdioAsync();

        var started = TimeProvider.System.GetTimestamp();
        var queued = McpHarness.Structured(await McpHarness.CallAsync(client, "task_async", """
            {"name": "Greet", "agent_name": "greeter", "agent_instructions": "Say hello", "priority": "high", "tags": ["mcp"], "metadata": {"ticket": "B-1", "attempt": 2}}
            """));
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        var id = queued.GetProperty("task_id").GetString()!;
        var ended = await McpHarness.WaitEndedAsync(client, id);

        Assert.Equal("pending", queued.GetProperty("status").GetString());
        Assert.True(queued.GetProperty("created").GetBoolean());
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"task_async took {elapsed}");
        Assert.Equal("completed", ended.GetProperty("status").GetString());
        // The agent's answer in the captured codex app-server run the fake replays (Baton runs app-server so people can answer).
        Assert.Equal("Done.", ended.GetProperty("result").GetString());
        Assert.Equal($"mcp:{Environment.UserName}", ended.GetProperty("created_by").GetString());
        Assert.Equal(harness.Project, ended.GetProperty("working_directory").GetString());
        Assert.Equal("greeter", ended.GetProperty("agent_name").GetString());
        Assert.Equal("codex", ended.GetProperty("runner").GetString());
        Assert.Equal("high", ended.GetProperty("priority").GetString());
        Assert.Equal("2", ended.GetProperty("metadata").GetProperty("attempt").GetString());
        // Same answers everywhere: the CLI shows the task the MCP server created with the same fields.
        var cli = await harness.Home.StatusAsync(id);
        foreach (var field in new[] { "task_id", "status", "created_by", "working_directory", "result", "priority" })
        {
            Assert.Equal(ended.GetProperty(field).GetString(), cli.GetProperty(field).GetString());
        }
    }

    [Fact]
    public async Task Tools_WithBadArguments_AnswerWithToolErrorsThatNameTheFieldAndChangeNothing()
    {
        await using var client = await harness.ConnectStdioAsync();
        var huge = new string('x', 300 * 1024);
        (string Tool, string Arguments, string Expected)[] cases =
        [
            ("task_async", "{}", "'name' is required"),
            ("task_async", """{"name": "n", "agent_name": "greeter"}""", "'agent_instructions' is required"),
            ("task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "  "}""", "'agent_instructions' must not be empty"),
            ("task_async", """{"name": 5, "agent_name": "greeter", "agent_instructions": "p"}""", "'name' must be a string (got a number)"),
            ("task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p", "timeout_seconds": "60"}""", "'timeout_seconds' must be an integer (got a string)"),
            ("task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p", "timeout_seconds": 1.5}""", "'timeout_seconds' must be an integer (got a number)"),
            ("task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p", "max_retries": 1000}""", "'max_retries' must be between 0 and 100 (got 1000)"),
            ("task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p", "priority": "urgent"}""", "'priority' must be one of critical, high, normal, low (got 'urgent')"),
            ("task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p", "tags": "one"}""", "'tags' must be an array of strings (got a string)"),
            ("task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p", "tags": [1]}""", "'tags[0]' must be a string (got a number)"),
            ("task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p", "metadata": {"k": {"deep": 1}}}""", "'metadata.k' must be a string (got an object)"),
            ("task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p", "prompt": "p"}""", "task_async has no argument 'prompt'"),
            ("task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p", "webhook_url": "http://169.254.169.254/latest"}""", "webhook_url: webhooks cannot be sent to"),
            ("task_async", """{"name": "n", "agent_name": "nobody", "agent_instructions": "p"}""", "unknown agent 'nobody'"),
            ("task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p", "depends_on": ["zzzzzzzzzzzz"]}""", "depends_on names task 'zzzzzzzzzzzz', which does not exist"),
            ("task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p", "working_directory": "/no/such/dir"}""", "'working_directory' /no/such/dir does not exist"),
            ("task_async", $$"""{"name": "n", "agent_name": "greeter", "agent_instructions": "{{huge}}"}""", "'agent_instructions' is 307200 characters long; the limit is 262144"),
            ("task_status", """{"task_id": "no such id!"}""", "is not a task id"),
            ("task_status", """{"task_id": "abcdefghjkmn"}""", "no task with id 'abcdefghjkmn'; list_tasks shows recent tasks"),
            ("task_status", $$"""{"task_id": "{{huge}}"}""", "'task_id' is 307200 characters long; the limit is 64"),
            ("task_cancel", "{}", "'task_id' is required"),
            ("workflow_create", """{"name": ""}""", "'name' must not be empty"),
            ("workflow_add_phase", """{"workflow_id": "abcdefghjkmn", "phase_id": "design"}""", "no workflow with id 'abcdefghjkmn'"),
            ("workflow_start", """{"workflow_id": 12}""", "'workflow_id' must be a string (got a number)"),
            ("list_tasks", """{"limit": 0}""", "'limit' must be between 1 and 100 (got 0)"),
            ("list_tasks", """{"status": "done"}""", "'status' must be one of pending, running"),
        ];

        foreach (var (tool, arguments, expected) in cases)
        {
            var result = await McpHarness.CallAsync(client, tool, arguments);
            Assert.True(result.IsError == true, $"{tool} {arguments[..Math.Min(arguments.Length, 120)]} did not fail");
            Assert.Contains(expected, McpHarness.Text(result), StringComparison.Ordinal);
            // An agent calls tools, not the command line: where a tool helps, the error names the tool.
            Assert.DoesNotContain("'baton task", McpHarness.Text(result), StringComparison.Ordinal);
            Assert.DoesNotContain("'baton workflow", McpHarness.Text(result), StringComparison.Ordinal);
            Assert.True(result.StructuredContent?.GetProperty("kind").GetString() is "invalid_input" or "not_found" or "conflict", McpHarness.Text(result));
        }

        // An unknown tool is a protocol error (invalid params), not a tool result.
        var unknown = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.CallToolAsync("task_run", new Dictionary<string, object?>()));
        Assert.Equal(McpErrorCode.InvalidParams, unknown.ErrorCode);
        Assert.Empty((await McpHarness.CallAsync(client, "list_tasks", "{}")).StructuredContent!.Value.GetProperty("tasks").EnumerateArray());
    }

    [Fact]
    public async Task TaskAsyncAndWorkflowCreate_WithNewWebhookUrl_ShowTheSecretOnceInTextAndStructured()
    {
        await using var client = await harness.ConnectStdioAsync();

        var task = await McpHarness.CallAsync(client, "task_async", """{"name": "n", "agent_name": "greeter", "agent_instructions": "p", "webhook_url": "http://127.0.0.1:9/task-hook"}""");
        var again = await McpHarness.CallAsync(client, "task_async", """{"name": "n2", "agent_name": "greeter", "agent_instructions": "p", "webhook_url": "http://127.0.0.1:9/task-hook"}""");
        var workflow = await McpHarness.CallAsync(client, "workflow_create", """{"name": "w", "webhook_url": "http://127.0.0.1:9/workflow-hook"}""");

        foreach (var created in new[] { task, workflow })
        {
            var secret = McpHarness.Structured(created).GetProperty("webhook_secret").GetString()!;
            Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
            Assert.Contains($"Webhook secret (shown only now; verify each delivery's webhook-signature with it): {secret}", McpHarness.Text(created), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("whsec_", McpHarness.Text(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workflow_BuiltStepByStepWithTheTools_RunsItsPhasesInOrderAndCompletes()
    {
        await using var client = await harness.ConnectStdioAsync();

        var workflowId = McpHarness.Structured(await McpHarness.CallAsync(client, "workflow_create", """{"name": "Feature", "description": "design, then build"}"""))
            .GetProperty("workflow_id").GetString()!;
        McpHarness.Structured(await McpHarness.CallAsync(client, "workflow_add_phase", $$"""{"workflow_id": "{{workflowId}}", "phase_id": "design", "name": "Design"}"""));
        McpHarness.Structured(await McpHarness.CallAsync(client, "workflow_add_phase", $$"""{"workflow_id": "{{workflowId}}", "phase_id": "build", "depends_on": ["design"]}"""));
        var cycle = await McpHarness.CallAsync(client, "workflow_add_phase", $$"""{"workflow_id": "{{workflowId}}", "phase_id": "test", "depends_on": ["nowhere"]}""");
        foreach (var (phase, name) in new[] { ("design", "Architecture"), ("build", "Backend"), ("build", "Frontend") })
        {
            McpHarness.Structured(await McpHarness.CallAsync(client, "workflow_add_task",
                $$"""{"workflow_id": "{{workflowId}}", "phase_id": "{{phase}}", "name": "{{name}}", "agent_name": "greeter", "agent_instructions": "Do {{name}}"}"""));
        }

        var started = McpHarness.Structured(await McpHarness.CallAsync(client, "workflow_start", $$"""{"workflow_id": "{{workflowId}}"}"""));
        var again = await McpHarness.CallAsync(client, "workflow_start", $$"""{"workflow_id": "{{workflowId}}"}""");
        var ended = await Eventually.Until<object>(
            async () =>
            {
                var status = McpHarness.Structured(await McpHarness.CallAsync(client, "workflow_status", $$"""{"workflow_id": "{{workflowId}}"}"""));
                return status.GetProperty("status").GetString() is "completed" or "failed" or "cancelled" ? status : null;
            },
            McpHarness.Deadline,
            "the workflow to end") is JsonElement status ? status : default;
        var tasks = McpHarness.Structured(await McpHarness.CallAsync(client, "list_tasks", $$"""{"workflow_id": "{{workflowId}}", "status": "completed"}"""));

        Assert.True(cycle.IsError);
        Assert.Contains("nowhere", McpHarness.Text(cycle), StringComparison.Ordinal);
        Assert.Equal("running", started.GetProperty("status").GetString());
        Assert.True(again.IsError);
        Assert.Equal("conflict", again.StructuredContent!.Value.GetProperty("kind").GetString());
        Assert.Equal("completed", ended.GetProperty("status").GetString());
        Assert.Equal(["design", "build"], ended.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase_id").GetString()));
        Assert.All(ended.GetProperty("phases").EnumerateArray(), p => Assert.Equal("completed", p.GetProperty("status").GetString()));
        Assert.Equal($"mcp:{Environment.UserName}", ended.GetProperty("created_by").GetString());
        Assert.Equal(3, tasks.GetProperty("count").GetInt32());
        // The build phase started only after the design phase completed.
        var design = ended.GetProperty("phases")[0];
        var build = ended.GetProperty("phases")[1];
        Assert.True(design.GetProperty("completed_at").GetDateTimeOffset() <= build.GetProperty("started_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Subscribe_ToATaskResource_NotifiesWhenTheTaskChangesState()
    {
        using var sleeping = new McpHarness(scenario: "sleep");
        await using var client = await sleeping.ConnectStdioAsync(protocolVersion: "2025-11-25");
        var templates = await client.ListResourceTemplatesAsync();
        var id = await sleeping.QueueAsync(client);
        await Eventually.True(
            async () => McpHarness.Structured(await McpHarness.CallAsync(client, "task_status", $$"""{"task_id": "{{id}}"}""")).GetProperty("status").GetString() == "running",
            McpHarness.Deadline,
            "the task to run");
        var updated = new TaskCompletionSource<string>();

        await using (await client.SubscribeToResourceAsync($"baton://tasks/{id}", (update, _) =>
        {
            updated.TrySetResult(update.Uri);
            return ValueTask.CompletedTask;
        }))
        {
            McpHarness.Structured(await McpHarness.CallAsync(client, "task_cancel", $$"""{"task_id": "{{id}}"}"""));
            Assert.Equal($"baton://tasks/{id}", await updated.Task.WaitAsync(McpHarness.Deadline));
        }

        var read = await client.ReadResourceAsync($"baton://tasks/{id}");
        var view = JsonDocument.Parse(((ModelContextProtocol.Protocol.TextResourceContents)read.Contents[0]).Text).RootElement;
        Assert.Equal(["baton://tasks/{task_id}", "baton://workflows/{workflow_id}"], templates.Select(t => t.UriTemplate));
        Assert.Equal(id, view.GetProperty("task_id").GetString());
        Assert.Equal("application/json", read.Contents[0].MimeType);
        var missing = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.ReadResourceAsync("baton://tasks/abcdefghjkmn"));
        Assert.Equal(McpErrorCode.ResourceNotFound, missing.ErrorCode);
        var foreign = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.SubscribeToResourceAsync("file:///etc/passwd"));
        Assert.Equal(McpErrorCode.ResourceNotFound, foreign.ErrorCode);
    }

    [Fact]
    public async Task ClosingTheClient_WhileItsTaskRuns_LeavesTheTaskRunningInTheDaemon()
    {
        using var sleeping = new McpHarness(scenario: "sleep");
        string id;
        await using (var client = await sleeping.ConnectStdioAsync())
        {
            id = await sleeping.QueueAsync(client);
            await Eventually.True(
                async () => McpHarness.Structured(await McpHarness.CallAsync(client, "task_status", $$"""{"task_id": "{{id}}"}""")).GetProperty("status").GetString() == "running",
                McpHarness.Deadline,
                "the task to run");
        }

        // The client and its server are gone; the task goes on in the daemon the server started.
        Assert.Equal("running", (await sleeping.Home.StatusAsync(id)).GetProperty("status").GetString());
        await using var another = await sleeping.ConnectStdioAsync();
        var cancelled = McpHarness.Structured(await McpHarness.CallAsync(another, "task_cancel", $$"""{"task_id": "{{id}}"}"""));
        var ended = await McpHarness.WaitEndedAsync(another, id);

        Assert.Equal(id, cancelled.GetProperty("task_id").GetString());
        Assert.Equal("cancelled", ended.GetProperty("status").GetString());
    }

    public void Dispose() => harness.Dispose();
}
