using System.Net;
using Baton.EndToEnd.Tests.Api;
using Baton.Testing.Postgres;

namespace Baton.EndToEnd.Tests.Cluster;

/// <summary>The database goes away mid-run and comes back: clear refusals meanwhile, nothing lost, nothing run twice.</summary>
public sealed class ClusterOutageTests : IAsyncLifetime
{
    private PostgresCluster server = null!;
    private ClusterNodes cluster = null!;

    public async Task InitializeAsync()
    {
        // A server of its own: this test stops it.
        server = await PostgresCluster.StartAsync();
        cluster = await ClusterNodes.StartAsync(server, 2);
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task DatabaseRestart_MidRun_RefusesWritesClearly_ThenEveryAcceptedTaskCompletesOnce()
    {
        var done = Path.Combine(cluster.Shared, "done");
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await cluster.Node(i % 2).CreateAsync(cluster.Shell($"sleep 0.$(( {i} % 9 + 1 )); echo \"$BATON_TASK_ID\" >> {done}", $"o{i}")));
        }

        await server.StopAsync();

        using (var refused = await cluster.Node(0).PostAsync("/api/v1/tasks", cluster.Shell("true")))
        {
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains("database", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(server.Password, body, StringComparison.Ordinal);
        }

        var cli = await cluster.Homes[1].RunAsync("task", "add", "--", "true");
        Assert.Equal(5, cli.ExitCode);
        Assert.DoesNotContain(server.Password, cli.Stdout + cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("database", cli.Stderr, StringComparison.OrdinalIgnoreCase);

        await server.StartAgainAsync();

        foreach (var id in ids)
        {
            var task = await cluster.Node(1).WaitEndedAsync(id, TimeSpan.FromSeconds(90));
            Assert.Equal("completed", task.GetProperty("status").GetString());
            Assert.Equal(1, task.GetProperty("attempts").EnumerateArray().Count(a => a.GetProperty("status").GetString() == "completed"));
        }

        Assert.Equal(ids.Order(), (await File.ReadAllLinesAsync(done)).Order());
        // Writes work again on both nodes.
        Assert.NotNull(await cluster.Node(0).CreateAsync(cluster.Shell("true")));
        Assert.All(cluster.Homes, home => Assert.DoesNotContain(server.Password, File.ReadAllText(Path.Combine(home.Dir, "baton.json")), StringComparison.Ordinal));
    }
}
