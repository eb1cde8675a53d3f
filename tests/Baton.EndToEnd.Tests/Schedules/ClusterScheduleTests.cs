using System.Net;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Cluster;
using Baton.EndToEnd.Tests.Harness;
using Baton.Testing.Postgres;

namespace Baton.EndToEnd.Tests.Schedules;

/// <summary>Schedules on two nodes sharing PostgreSQL: one scheduler fires, each occurrence once, and the other takes over when it dies.</summary>
public sealed class ClusterScheduleTests : IAsyncLifetime
{
    private ClusterNodes cluster = null!;

    public async Task InitializeAsync() => cluster = await ClusterNodes.StartAsync(await PostgresCluster.Shared, 2, workers: 2);

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task TwoNodes_FireEachOccurrenceOnce_AndTheSurvivorGoesOnAfterAKill()
    {
        var body = new JsonObject
        {
            ["name"] = "tick", ["every"] = "1s", ["overlap"] = "allow_all", ["misfire"] = "all",
            ["task"] = new JsonObject { ["command"] = new JsonArray("true"), ["working_directory"] = cluster.Shared },
        };
        using (var created = await cluster.Node(0).PostAsync("/api/v1/schedules", body))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await Eventually.True(async () => (await HistoryAsync(1)).Count >= 3, TimeSpan.FromSeconds(30), "occurrences seen on node 2\n" + cluster.Output);
        cluster.Kill(0);
        var before = (await HistoryAsync(1)).Count;
        await Eventually.True(async () => (await HistoryAsync(1)).Count >= before + 3, TimeSpan.FromSeconds(60), "node 2 to go on firing\n" + cluster.Output);

        var history = await HistoryAsync(1);
        var planned = history.Select(o => o.GetProperty("planned_at").GetString()).ToList();
        Assert.Equal(planned.Count, planned.Distinct().Count());
        var tasks = history.Where(o => o.TryGetProperty("task_id", out _)).Select(o => o.GetProperty("task_id").GetString()).ToList();
        Assert.Equal(tasks.Count, tasks.Distinct().Count());
    }

    private async Task<List<System.Text.Json.JsonElement>> HistoryAsync(int node) =>
        [.. (await cluster.Node(node).GetJsonAsync("/api/v1/schedules/tick/history?limit=10000")).GetProperty("occurrences").EnumerateArray()];
}
