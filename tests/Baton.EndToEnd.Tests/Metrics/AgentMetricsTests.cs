using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Api;

namespace Baton.EndToEnd.Tests.Metrics;

/// <summary>
/// Tokens and cost on <c>/metrics</c> after a real agent run (claude is a stand-in replaying real Claude Code output),
/// checked against the store's own figures for the agent.
/// </summary>
public sealed class AgentMetricsTests : IAsyncLifetime
{
    private static readonly string Capture = Path.Combine(
        Baton.AgentCli.Tests.Harness.RepositoryRoot.Path, "tests", "Baton.Core.Tests", "Runners", "Claude", "Captures", "claude-2.1.330", "stream-json_tool-run.jsonl");

    private ApiDaemon api = null!;

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "baton-fake-claude-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var fake = Path.Combine(folder, "claude");
        File.WriteAllText(fake, $"#!/bin/sh\nread -r initialize\nread -r prompt\ncat '{Capture}'\nwhile read -r _; do :; done\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        api = await ApiDaemon.StartAsync(workers: 1, new Dictionary<string, string> { ["claude_path"] = fake });
        var agents = Directory.CreateDirectory(Path.Combine(api.Home.Work, ".claude", "agents")).FullName;
        File.WriteAllText(Path.Combine(agents, "reviewer.md"), "---\nname: reviewer\ndescription: Reviews code\n---\nYou review code.\n");
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task GetMetrics_AfterAnAgentRun_TokensAndCostMatchTheStore()
    {
        var id = await api.CreateAsync(new JsonObject
        {
            ["agent_name"] = "reviewer",
            ["agent_instructions"] = "Run the tests",
            ["working_directory"] = api.Home.Work,
            ["max_retries"] = 0,
        });
        await api.WaitEndedAsync(id, TimeSpan.FromSeconds(30));

        var stored = (await api.GetJsonAsync("/api/v1/agents/stats?window=1d")).GetProperty("agents")[0];
        var samples = await PrometheusParser.ParseAsync(await api.Http.GetStringAsync("/metrics"));

        var input = samples.Where(s => s.Name == "gen_ai_client_token_usage_sum" && s.Has(("gen_ai_token_type", "input"), ("gen_ai_agent_name", "reviewer"))).ToList();
        Assert.NotEmpty(input);
        Assert.All(input, s => Assert.False(string.IsNullOrEmpty(s.Labels["gen_ai_request_model"])));
        Assert.Equal(stored.GetProperty("tokens").GetProperty("input").GetInt64(), input.Sum(s => s.Value));
        var output = samples.Where(s => s.Name == "gen_ai_client_token_usage_sum" && s.Has(("gen_ai_token_type", "output"), ("gen_ai_agent_name", "reviewer")));
        Assert.Equal(stored.GetProperty("tokens").GetProperty("output").GetInt64(), output.Sum(s => s.Value));
        var cost = samples.Where(s => s.Name == "baton_cost_usd_total" && s.Has(("agent", "reviewer"), ("runner", "claude"))).Sum(s => s.Value);
        Assert.Equal((double)stored.GetProperty("cost_usd").GetDecimal(), cost, 6);
        Assert.Contains(samples, s => s.Name == "baton_attempts_total" && s.Has(("agent", "reviewer"), ("runner", "claude")) && s.Value == 1);
    }
}
