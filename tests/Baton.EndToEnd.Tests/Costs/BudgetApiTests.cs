using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Costs;

/// <summary>
/// Budgets end to end over real HTTP against a real daemon whose claude is a stand-in replaying real Claude Code
/// output (reported cost $0.0114 per run): a used-up budget asks a person before the next attempt, the answer raises
/// it, and usage priced past the budget stops a run while it goes.
/// </summary>
public sealed class BudgetApiTests : IAsyncLifetime
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

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Continue_BudgetSpentByTheFirstRun_AsksForBudgetThenRunsOnceRaised()
    {
        var daemon = await StartAsync(prices: null);
        var id = await daemon.CreateAsync(AgentTask(budget: 0.01m));
        var first = await daemon.WaitEndedAsync(id, Limit);
        Assert.Equal("completed", first.GetProperty("status").GetString());
        Assert.Equal(0.01m, first.GetProperty("budget_usd").GetDecimal());

        using var follow = await daemon.PostAsync($"/api/v1/tasks/{id}/continue", new JsonObject { ["message"] = "Now fix it" });
        Assert.True(follow.IsSuccessStatusCode, await follow.Content.ReadAsStringAsync());

        var asked = await OpenBudgetAsync(daemon, id);
        Assert.Equal("the task has spent $0.01 of its $0.01 budget", asked.GetProperty("summary").GetString());
        Assert.Equal("input_required", (await daemon.GetJsonAsync($"/api/v1/tasks/{id}")).GetProperty("status").GetString());
        var interaction = asked.GetProperty("interaction_id").GetString();
        using var tooLow = await daemon.PostAsync($"/api/v1/interactions/{interaction}/respond", """{"decision": "answer", "message": "0.005"}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLow.StatusCode);
        using var raised = await daemon.PostAsync($"/api/v1/interactions/{interaction}/respond", """{"decision": "answer", "message": "5"}""");
        Assert.True(raised.IsSuccessStatusCode, await raised.Content.ReadAsStringAsync());

        await Eventually.True(
            async () => await daemon.GetJsonAsync($"/api/v1/tasks/{id}") is var task && task.GetProperty("attempts").GetArrayLength() == 2
                && task.GetProperty("status").GetString() == "completed",
            Limit, "the follow-up to complete");
    }

    [Fact]
    public async Task Create_UsagePricedPastTheBudgetWhileRunning_StopsTheRunAndAsks()
    {
        // $1000 per million input tokens: the first model message (1200 input tokens) costs $1.20.
        var daemon = await StartAsync(prices: new JsonObject { ["claude-opus-5-5"] = new JsonObject { ["input"] = 1000, ["output"] = 1000 } });
        var id = await daemon.CreateAsync(AgentTask(budget: 0.50m));

        var asked = await OpenBudgetAsync(daemon, id);

        // The lines the CLI wrote before it was stopped still count: $1.20 per model message, at least one.
        var spent = System.Text.RegularExpressions.Regex.Match(asked.GetProperty("summary").GetString()!, @"^the task has spent \$(\d+\.\d\d) of its \$0\.50 budget$");
        Assert.True(spent.Success, asked.GetProperty("summary").GetString());
        Assert.True(decimal.Parse(spent.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1.20m);
        var attempts = (await daemon.GetJsonAsync($"/api/v1/tasks/{id}")).GetProperty("attempts");
        Assert.Equal("interrupted", attempts[0].GetProperty("status").GetString());
        using var denied = await daemon.PostAsync($"/api/v1/interactions/{asked.GetProperty("interaction_id").GetString()}/respond", """{"decision": "deny"}""");
        Assert.True(denied.IsSuccessStatusCode, await denied.Content.ReadAsStringAsync());
        Assert.Equal("cancelled", (await daemon.WaitEndedAsync(id, Limit)).GetProperty("status").GetString());
    }

    private async Task<ApiDaemon> StartAsync(JsonObject? prices)
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
        if (prices is not null)
        {
            config["prices"] = prices;
        }

        File.WriteAllText(path, config.ToJsonString());
        api = await ApiDaemon.StartOnAsync(home, workers: 1);
        var agents = Directory.CreateDirectory(Path.Combine(api.Home.Work, ".claude", "agents")).FullName;
        File.WriteAllText(Path.Combine(agents, "reviewer.md"), "---\nname: reviewer\ndescription: Reviews code\n---\nYou review code.\n");
        return api;
    }

    private JsonObject AgentTask(decimal budget) => new()
    {
        ["agent_name"] = "reviewer",
        ["agent_instructions"] = "Run the tests",
        ["working_directory"] = api!.Home.Work,
        ["max_retries"] = 0,
        ["budget_usd"] = budget,
    };

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
