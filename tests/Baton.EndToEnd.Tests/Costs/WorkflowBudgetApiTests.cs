using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Costs;

/// <summary>
/// A workflow's budget end to end over real HTTP against a real daemon whose claude is a stand-in replaying real
/// Claude Code output (reported cost $0.0114 per run): the first task spends the workflow's $0.01, so the second
/// asks a person about the workflow before it runs; a raise goes to the workflow and lets it finish, a deny cancels.
/// </summary>
public sealed class WorkflowBudgetApiTests : IAsyncLifetime
{
    private static readonly string Capture = Path.Combine(
        Baton.AgentCli.Tests.Harness.RepositoryRoot.Path, "tests", "Baton.Core.Tests", "Runners", "Claude", "Captures", "claude-2.1.330", "stream-json_tool-run.jsonl");

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "baton-fake-claude-" + Guid.NewGuid().ToString("N"));
    private ApiDaemon? api;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Start_SecondTaskWouldCrossTheWorkflowBudget_AsksThenFinishesOnceRaised()
    {
        var daemon = await StartAsync();
        var (workflow, first, second) = await CreateWorkflowAsync(daemon, budget: 0.01m);
        Assert.Equal("completed", (await daemon.WaitEndedAsync(first, Limit)).GetProperty("status").GetString());

        var asked = await OpenBudgetAsync(daemon, second);

        Assert.Equal("the workflow has spent $0.01 of its $0.01 budget", asked.GetProperty("summary").GetString());
        Assert.Equal("input_required", (await daemon.GetJsonAsync($"/api/v1/tasks/{second}")).GetProperty("status").GetString());
        var view = await daemon.GetJsonAsync($"/api/v1/workflows/{workflow}");
        Assert.Equal(0.01m, view.GetProperty("budget_usd").GetDecimal());
        Assert.True(view.GetProperty("cost_usd").GetDecimal() >= 0.01m);
        var interaction = asked.GetProperty("interaction_id").GetString();
        using var raised = await daemon.PostAsync($"/api/v1/interactions/{interaction}/respond", """{"decision": "answer", "message": "5"}""");
        Assert.True(raised.IsSuccessStatusCode, await raised.Content.ReadAsStringAsync());

        Assert.Equal("completed", (await daemon.WaitEndedAsync(second, Limit)).GetProperty("status").GetString());
        await Eventually.True(
            async () => (await daemon.GetJsonAsync($"/api/v1/workflows/{workflow}")).GetProperty("status").GetString() == "completed",
            Limit, "the workflow to complete");
        Assert.Equal(5m, (await daemon.GetJsonAsync($"/api/v1/workflows/{workflow}")).GetProperty("budget_usd").GetDecimal());
    }

    [Fact]
    public async Task Start_SecondTaskWouldCrossTheWorkflowBudgetAndIsDenied_CancelsIt()
    {
        var daemon = await StartAsync();
        var (_, first, second) = await CreateWorkflowAsync(daemon, budget: 0.01m);
        await daemon.WaitEndedAsync(first, Limit);

        var asked = await OpenBudgetAsync(daemon, second);
        using var denied = await daemon.PostAsync($"/api/v1/interactions/{asked.GetProperty("interaction_id").GetString()}/respond", """{"decision": "deny"}""");
        Assert.True(denied.IsSuccessStatusCode, await denied.Content.ReadAsStringAsync());

        Assert.Equal("cancelled", (await daemon.WaitEndedAsync(second, Limit)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("-1", HttpStatusCode.UnprocessableEntity)]
    [InlineData("0", HttpStatusCode.UnprocessableEntity)]
    [InlineData("\"five\"", HttpStatusCode.BadRequest)]
    public async Task Create_BadBudget_IsRefusedNamingTheField(string budget, HttpStatusCode expected)
    {
        var daemon = await StartAsync();

        using var response = await daemon.PostAsync("/api/v1/workflows", $$"""{"name": "bad", "budget_usd": {{budget}}}""");

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("budget_usd", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await daemon.GetJsonAsync("/api/v1/workflows")).GetProperty("workflows").GetArrayLength());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("five")]
    public async Task WorkflowRun_BadBudgetOption_FailsNamingTheOption(string budget)
    {
        using var home = new BatonHome();
        var file = Path.Combine(home.Work, "budget.yaml");
        File.WriteAllText(file, "name: Budget\nphases:\n  - id: only\n    tasks:\n      - name: hello\n        command: echo hello\n");

        var result = await home.RunAsync("workflow", "run", file, "--budget", budget, "--no-start");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--budget", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowRun_BudgetInTheFile_IsStoredAndShownInStatus()
    {
        using var home = new BatonHome();
        var file = Path.Combine(home.Work, "budget.yaml");
        File.WriteAllText(file, "name: Budget\nbudget_usd: 2.50\nphases:\n  - id: only\n    tasks:\n      - name: hello\n        command: echo hello\n");
        using var daemon = await home.StartDaemonAsync(workers: 1);

        var run = await home.RunAsync("workflow", "run", file, "--budget", "3", "--no-start", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var id = run.Json.GetProperty("workflow_id").GetString()!;

        var status = await home.RunAsync("workflow", "status", id);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("spent of $3.00", status.Stdout, StringComparison.Ordinal);
        var json = await home.RunAsync("workflow", "status", id, "--json");
        Assert.Equal(3m, json.Json.GetProperty("budget_usd").GetDecimal());
    }

    private async Task<ApiDaemon> StartAsync()
    {
        Directory.CreateDirectory(folder);
        var fake = Path.Combine(folder, "claude");
        // It reads the prompt as the CLI does when Baton runs it interactively (initialize, then the stream-json user line).
        File.WriteAllText(fake, $"#!/bin/sh\nread -r initialize\nread -r prompt\ncat '{Capture}'\nwhile read -r _; do :; done\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var home = new BatonHome();
        var path = Path.Combine(home.Dir, "baton.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        config["claude_path"] = fake;
        File.WriteAllText(path, config.ToJsonString());
        api = await ApiDaemon.StartOnAsync(home, workers: 1);
        var agents = Directory.CreateDirectory(Path.Combine(api.Home.Work, ".claude", "agents")).FullName;
        File.WriteAllText(Path.Combine(agents, "reviewer.md"), "---\nname: reviewer\ndescription: Reviews code\n---\nYou review code.\n");
        return api;
    }

    /// <summary>A started workflow with <paramref name="budget"/> and two agent tasks, the second after the first.</summary>
    private async Task<(string Workflow, string First, string Second)> CreateWorkflowAsync(ApiDaemon daemon, decimal budget)
    {
        var workflow = (await ExpectCreatedAsync(daemon, "/api/v1/workflows", new JsonObject { ["name"] = "budgeted", ["budget_usd"] = budget }))
            .GetProperty("workflow_id").GetString()!;
        await ExpectCreatedAsync(daemon, $"/api/v1/workflows/{workflow}/phases", new JsonObject { ["phase_id"] = "review" });
        var first = (await ExpectCreatedAsync(daemon, $"/api/v1/workflows/{workflow}/tasks", AgentTask(null))).GetProperty("task_id").GetString()!;
        var second = (await ExpectCreatedAsync(daemon, $"/api/v1/workflows/{workflow}/tasks", AgentTask(first))).GetProperty("task_id").GetString()!;
        using var started = await daemon.PostAsync($"/api/v1/workflows/{workflow}/start", "{}");
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        return (workflow, first, second);
    }

    private JsonObject AgentTask(string? after) => new()
    {
        ["phase_id"] = "review",
        ["agent_name"] = "reviewer",
        ["agent_instructions"] = "Run the tests",
        ["working_directory"] = api!.Home.Work,
        ["max_retries"] = 0,
        ["depends_on"] = after is null ? new JsonArray() : new JsonArray(after),
    };

    private static async Task<JsonElement> ExpectCreatedAsync(ApiDaemon daemon, string path, JsonNode body)
    {
        using var response = await daemon.PostAsync(path, body);
        var json = await ApiDaemon.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {json}");
        return json;
    }

    private static async Task<JsonElement> OpenBudgetAsync(ApiDaemon daemon, string id)
    {
        var text = await Eventually.Until(
            async () => (await daemon.GetJsonAsync($"/api/v1/interactions?task_id={id}")).GetProperty("interactions").EnumerateArray()
                .Where(i => i.GetProperty("kind").GetString() == "budget").Select(i => i.GetRawText()).FirstOrDefault(),
            Limit, $"a budget interaction on {id}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
