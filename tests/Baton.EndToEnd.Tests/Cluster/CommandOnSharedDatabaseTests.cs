using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;
using Baton.Testing.Postgres;

namespace Baton.EndToEnd.Tests.Cluster;

/// <summary>
/// A machine that only points its commands at the team's database, with no node of its own (a laptop): the daemon a
/// command starts there serves the API and runs nothing, so the machine never claims the cluster's tasks unasked.
/// </summary>
public sealed class CommandOnSharedDatabaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private ClusterNodes cluster = null!;

    public async Task InitializeAsync() => cluster = await ClusterNodes.StartAsync(await PostgresCluster.Shared, 1, workers: 2);

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task TaskAdd_OnAMachineWithoutANode_StartsAnApiOnlyDaemonThatClaimsNothing_AndTheTaskRunsOnTheCluster()
    {
        using var laptop = new BatonHome(environment: new Dictionary<string, string> { ["BATON_DB"] = cluster.Url, ["BATON_WORKER_NAME"] = "laptop" });
        // With the cluster's only node draining, a daemon that claimed work would be the one to run the task.
        await cluster.DrainAsync("node1");

        var added = await laptop.RunAsync("task", "add", "--json", "--cwd", cluster.Shared, "--", "sh", "-c", "echo ran");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains("Started the Baton daemon in the background", added.Stderr, StringComparison.Ordinal);
        Assert.Contains("It serves the API only and runs no tasks, as the database is shared", added.Stderr, StringComparison.Ordinal);
        var id = added.Json.GetProperty("task_id").GetString()!;
        using (var info = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(laptop.Dir, "daemon.json"))))
        {
            Assert.Equal(0, info.RootElement.GetProperty("workers").GetInt32());
        }

        var nodes = (await laptop.RunAsync("workers", "--json")).Json.GetProperty("workers").EnumerateArray().Select(w => w.GetProperty("name").GetString());
        Assert.Equal(["node1"], nodes);
        var waiting = await laptop.StatusAsync(id);
        Assert.Equal("pending", waiting.GetProperty("status").GetString());
        Assert.Equal(
            "waiting: every live worker is draining (node1); resume one with baton worker resume node1, or start one with baton serve or baton worker",
            waiting.GetProperty("notice").GetString());

        var doctor = (await laptop.RunAsync("doctor", "--json")).Json.EnumerateArray()
            .ToDictionary(c => c.GetProperty("check").GetString()!, c => (c.GetProperty("status").GetString(), c.GetProperty("detail").GetString()));
        Assert.EndsWith("; it serves the API only and runs no tasks", doctor["daemon"].Item2, StringComparison.Ordinal);
        Assert.Equal(
            ("warning", "no active worker runs tasks, so queued tasks wait; draining: node1; start one with 'baton serve' or 'baton worker'"),
            doctor["workers"]);

        await cluster.ResumeAsync("node1");
        var ended = await laptop.WaitTerminalAsync(id, Deadline);

        Assert.Equal("completed", ended!.Value.GetProperty("status").GetString());
        Assert.StartsWith(cluster.WorkerPrefix(0), ended.Value.GetProperty("attempts")[0].GetProperty("worker_id").GetString(), StringComparison.Ordinal);
        await Eventually.True(
            async () => (await laptop.RunAsync("doctor", "--json")).Json.EnumerateArray()
                .Any(c => c.GetProperty("check").GetString() == "workers" && c.GetProperty("detail").GetString() == "1 active: node1 (2 slots)"),
            Deadline,
            "doctor to list node one as active");
        var log = await File.ReadAllTextAsync(Path.Combine(laptop.Dir, "daemon.log"));
        Assert.DoesNotContain("Engine started", log, StringComparison.Ordinal);
    }
}
