using Baton.EndToEnd.Tests.Harness;
using Baton.Testing.Postgres;

namespace Baton.EndToEnd.Tests.Cluster;

/// <summary>
/// A command typed on a machine that runs no Baton daemon at all, against the team's database: it tells the nodes
/// itself, so the node concerned acts at once. The nodes here beat only every five minutes, so a node that learned of
/// the change at its beat would miss these tests' deadlines.
/// </summary>
public sealed class CommandWithoutADaemonTests : IAsyncLifetime
{
    private static readonly TimeSpan Beat = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);
    private ClusterNodes cluster = null!;

    public async Task InitializeAsync() => cluster = await ClusterNodes.StartAsync(await PostgresCluster.Shared, 1, workers: 2, beat: Beat);

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task TaskCancel_OnAMachineWithoutADaemon_StopsTheAttemptOnItsNodeAtOnce()
    {
        var id = await cluster.Node(0).CreateAsync(cluster.Shell("sleep 600", "long"));
        await Eventually.True(
            async () => (await cluster.TaskAsync(id)).GetProperty("status").GetString() == "running", TimeSpan.FromSeconds(30), "the task to run");
        using var laptop = Laptop();

        var cancelled = await laptop.RunAsync("task", "cancel", id);

        Assert.True(cancelled.ExitCode == 0, cancelled.ToString());
        Assert.False(File.Exists(Path.Combine(laptop.Dir, "daemon.json")), "cancelling started a daemon: " + cancelled);
        await Eventually.True(
            async () => (await cluster.TaskAsync(id)).GetProperty("status").GetString() == "cancelled",
            Soon,
            $"the node to stop the attempt before its next beat\n{cluster.Output}");
    }

    [Fact]
    public async Task WorkerDrain_OnAMachineWithoutADaemon_ReachesTheNodeAtOnce()
    {
        using var laptop = Laptop();

        var drained = await laptop.RunAsync("worker", "drain", "node1", "--wait", "--timeout", Soon.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(drained.ExitCode == 0, drained + "\n" + cluster.Output);
        Assert.Contains("Worker node1 is drained", drained.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(laptop.Dir, "daemon.json")), "draining started a daemon: " + drained);
    }

    private BatonHome Laptop() => new(environment: new Dictionary<string, string> { ["BATON_DB"] = cluster.Url, ["BATON_WORKER_NAME"] = "laptop" });
}
