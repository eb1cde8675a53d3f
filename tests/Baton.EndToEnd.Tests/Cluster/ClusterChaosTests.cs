using Baton.EndToEnd.Tests.Harness;
using Baton.Testing.Postgres;

namespace Baton.EndToEnd.Tests.Cluster;

/// <summary>Random kill -9 of random nodes while work runs: nothing lost, nothing stuck, nothing completed twice.</summary>
public sealed class ClusterChaosTests : IAsyncLifetime
{
    private const int Rounds = 20;
    private ClusterNodes cluster = null!;

    public async Task InitializeAsync() =>
        // Rescues are unbounded here: twenty kills may hit one task more often than the default limit allows.
        cluster = await ClusterNodes.StartAsync(await PostgresCluster.Shared, 3, workers: 4, maxRescues: 100);

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task RandomKills_OfRandomNodes_LoseNothing_LeaveNothingStuck_CompleteNothingTwice()
    {
        var random = new Random(20261206);
        var ids = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            ids.Add(await cluster.Node(i % 3).CreateAsync(cluster.Shell($"sleep 0.{random.Next(1, 9)}", $"c{i}")));
        }

        for (var round = 0; round < Rounds; round++)
        {
            var victim = random.Next(3);
            cluster.Kill(victim);
            // More work arrives through the survivors meanwhile.
            ids.Add(await cluster.Node((victim + 1) % 3).CreateAsync(cluster.Shell("sleep 0.2", $"r{round}")));
            await cluster.RestartAsync(victim);
        }

        var interrupted = 0;
        foreach (var id in ids)
        {
            var task = await cluster.Node(0).WaitEndedAsync(id, TimeSpan.FromSeconds(120));
            Assert.Equal("completed", task.GetProperty("status").GetString());
            var statuses = task.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("status").GetString()).ToList();
            Assert.Equal(1, statuses.Count(s => s == "completed"));
            Assert.DoesNotContain("running", statuses);
            interrupted += statuses.Count(s => s == "interrupted");
        }

        // The kills hit running work: some attempts were cut off and their tasks rescued.
        Assert.True(interrupted > 0, "no attempt was interrupted: the kills missed every running task");

        var running = await cluster.Node(1).GetJsonAsync("/api/v1/tasks?status=running");
        Assert.Equal(0, running.GetProperty("tasks").GetArrayLength());
    }
}
