using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.AgentCli.Tests.Fakes;
using ClaudeCli = Baton.AgentCli.Tests.Harness.ClaudeCli;
using ClaudeSandbox = Baton.AgentCli.Tests.Harness.ClaudeSandbox;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Cluster;
using Baton.EndToEnd.Tests.Harness;
using Baton.Testing.Postgres;
using Xunit.Abstractions;

namespace Baton.EndToEnd.Tests.Interactions;

/// <summary>
/// Two nodes on one PostgreSQL database: node A (no labels) takes the REST calls, node B (label <c>claude</c>) runs the
/// real Claude Code against a scripted model endpoint. An answer given through A reaches the agent on B at once,
/// through the database's work channel rather than B's next poll.
/// </summary>
public sealed class ClusterInteractionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private ClusterNodes cluster = null!;
    private ScriptedAnthropicServer server = null!;
    private readonly ClaudeSandbox sandbox = new();
    private BatonHome homeB = null!;
    private DaemonProcess nodeB = null!;

    public async Task InitializeAsync()
    {
        cluster = await ClusterNodes.StartAsync(await PostgresCluster.Shared, 1, workers: 2);
        server = await ScriptedAnthropicServer.StartAsync();
        var agents = Directory.CreateDirectory(Path.Combine(sandbox.Work, ".claude", "agents")).FullName;
        // Bash is not pre-allowed, so the CLI asks before running a command that changes anything.
        File.WriteAllText(Path.Combine(agents, "toucher.md"), "---\nname: toucher\ndescription: test agent\ntools: Read\n---\nYou are a careful test agent.\n");
        homeB = new BatonHome(stopGraceSeconds: 1, environment: new Dictionary<string, string>
        {
            ["BATON_DB"] = cluster.Url,
            ["BATON_WORKER_NAME"] = "nodeB",
        });
        var environment = ClaudeCli.Environment(server.BaseUrl, sandbox);
        environment["PATH"] = Path.GetDirectoryName(ClaudeCli.ExecutablePath) + ":" + environment["PATH"];
        nodeB = await homeB.StartLongLivedAsync(["serve", "--workers", "2", "--label", "claude"], "Engine started", environment: environment);
    }

    public async Task DisposeAsync()
    {
        homeB.Dispose();
        await cluster.DisposeAsync();
        await server.DisposeAsync();
        sandbox.Dispose();
    }

    [Fact]
    public async Task Respond_ThroughNodeAToAnAgentRunningOnNodeB_ReachesTheAgentWithinASecond()
    {
        // A Write (no process to start) keeps the tool's own run time out of the measurement.
        server.Enqueue(ScriptedTurn.Write("cluster.txt", "written on B\n"), ScriptedTurn.Text("Done on B."));
        var a = cluster.Node(0);
        var id = await a.CreateAsync(new JsonObject
        {
            ["agent_name"] = "toucher",
            ["agent_instructions"] = "Write cluster.txt.",
            ["working_directory"] = sandbox.Work,
            ["requires_labels"] = new JsonArray("claude"),
        });
        var interactionId = await Eventually.Until(
            async () => (await a.GetJsonAsync($"/api/v1/interactions?task_id={id}")).GetProperty("interactions").EnumerateArray()
                .Select(i => i.GetProperty("interaction_id").GetString()).FirstOrDefault(),
            Deadline,
            "the agent on node B to ask");
        var waiting = await a.GetJsonAsync($"/api/v1/tasks/{id}");
        Assert.Equal("input_required", waiting.GetProperty("status").GetString());
        Assert.StartsWith($"{Environment.MachineName}:{nodeB.Pid}:", waiting.GetProperty("attempts")[0].GetProperty("worker_id").GetString(), StringComparison.Ordinal);
        Assert.Single(server.Turns);

        var start = TimeProvider.System.GetTimestamp();
        using var response = await a.PostAsync($"/api/v1/interactions/{interactionId}/respond", """{"decision": "approve"}""");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var reached = await ReachedAsync(() => server.Turns.Count == 2, TimeSpan.FromSeconds(10));
        var elapsed = TimeProvider.System.GetElapsedTime(start);

        Assert.True(reached, "the agent on node B never made its next model request");
        output.WriteLine($"answer through node A to the agent's next model request on node B: {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"the answer took {elapsed.TotalMilliseconds:F0} ms to reach the agent on node B");
        var final = await a.WaitEndedAsync(id, Deadline);
        Assert.True(final.GetProperty("status").GetString() == "completed", final.ToString() + "\n" + cluster.Output + "\n" + nodeB.Output);
        Assert.Equal("written on B\n", File.ReadAllText(Path.Combine(sandbox.Work, "cluster.txt")));
        var answered = await a.GetJsonAsync($"/api/v1/interactions/{interactionId}");
        Assert.Equal("answered", answered.GetProperty("status").GetString());
        // As Baton recorded it: stored on node A, written to the CLI's stdin on node B.
        var delivery = answered.GetProperty("delivered_at").GetDateTimeOffset() - answered.GetProperty("closed_at").GetDateTimeOffset();
        output.WriteLine($"answer stored on node A to written to the CLI on node B: {delivery.TotalMilliseconds:F0} ms");
        Assert.True(delivery < TimeSpan.FromSeconds(1), $"node B delivered the answer {delivery.TotalMilliseconds:F0} ms after it was stored");
    }

    /// <summary>Checks <paramref name="condition"/> every few milliseconds until it holds or the deadline passes.</summary>
    private static async Task<bool> ReachedAsync(Func<bool> condition, TimeSpan deadline)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }

        return true;
    }
}
