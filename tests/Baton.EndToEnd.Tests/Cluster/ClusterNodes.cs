using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;
using Baton.Testing.Postgres;

namespace Baton.EndToEnd.Tests.Cluster;

/// <summary>
/// Several real <c>baton serve</c> nodes on one PostgreSQL database, as on several machines: each with its own
/// BATON_HOME (local files, its own port), all with BATON_DB pointing at the database. Short leases, so that a killed
/// node's attempts are rescued within seconds. A shared folder for tasks to write into, as a network share would be.
/// </summary>
internal sealed class ClusterNodes : IAsyncDisposable
{
    /// <summary>How long a lease lasts in these clusters (baton.json lease_seconds).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(6);

    private readonly List<ApiDaemon?> nodes = [];
    private readonly List<BatonHome> homes = [];
    private readonly List<Func<string>> outputs = [];

    private ClusterNodes(PostgresCluster server, string database, string shared)
    {
        Server = server;
        Database = database;
        Shared = shared;
    }

    public PostgresCluster Server { get; }

    public string Database { get; }

    /// <summary>BATON_DB as users give it.</summary>
    public string Url => Server.Uri(Database);

    /// <summary>A folder every node's tasks see.</summary>
    public string Shared { get; }

    public IReadOnlyList<BatonHome> Homes => homes;

    /// <summary>What every node printed (killed ones included), for a failing test's message.</summary>
    public string Output => string.Join("\n", outputs.Select((o, i) => $"--- node {i + 1} ---\n{o()}"));

    public ApiDaemon Node(int index) => nodes[index] ?? throw new InvalidOperationException($"node {index} is not running");

    /// <summary>
    /// Starts <paramref name="count"/> nodes of <paramref name="workers"/> slots on a fresh database of
    /// <paramref name="server"/>; with <paramref name="beat"/>, nodes heartbeat and renew leases that seldom (leases
    /// three times as long), so that a test can tell a change a node heard of at once from one it found at its beat.
    /// </summary>
    public static async Task<ClusterNodes> StartAsync(PostgresCluster server, int count, int workers = 4, int maxRescues = 3, TimeSpan? beat = null)
    {
        var database = await server.CreateDatabaseAsync("cluster");
        var cluster = new ClusterNodes(server, database, Directory.CreateTempSubdirectory("baton-shared-").FullName);
        try
        {
            for (var i = 0; i < count; i++)
            {
                cluster.AddHome(i, maxRescues, beat);
            }

            // Started one after the other: the first creates the schema, the others find it (concurrent starts
            // have their own test).
            for (var i = 0; i < count; i++)
            {
                var node = await ApiDaemon.StartOnAsync(cluster.homes[i], workers);
                cluster.nodes.Add(node);
                cluster.outputs.Add(() => node.Daemon.Output);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>kill -9 of node <paramref name="index"/>: its process dies at once, leaving its tasks' processes behind.</summary>
    public void Kill(int index)
    {
        Node(index).Daemon.KillHard();
        nodes[index] = null;
    }

    /// <summary>Starts node <paramref name="index"/> again (after <see cref="Kill"/>), on its own home.</summary>
    public async Task RestartAsync(int index, int workers = 4)
    {
        // The killed node's daemon.json names its old port; the new one writes its own.
        File.Delete(Path.Combine(homes[index].Dir, "daemon.json"));
        var node = await ApiDaemon.StartOnAsync(homes[index], workers);
        nodes[index] = node;
        outputs.Add(() => node.Daemon.Output);
    }

    public bool IsRunning(int index) => nodes[index] is not null;

    /// <summary>
    /// Asks the named nodes to drain through node 0's REST API, and waits until each has stopped claiming (a node
    /// learns of a drain at its next beat).
    /// </summary>
    public async Task DrainAsync(params string[] names)
    {
        foreach (var name in names)
        {
            await SetDrainAsync(name, drain: true);
        }

        await Eventually.True(
            async () => (await WorkersAsync()).Count(w => names.Contains(w.GetProperty("name").GetString()) && w.GetProperty("drained_at").ValueKind == JsonValueKind.String) == names.Length,
            TimeSpan.FromSeconds(30),
            $"{string.Join(" and ", names)} to stop claiming");
    }

    /// <summary>Lets the named nodes claim again.</summary>
    public async Task ResumeAsync(params string[] names)
    {
        foreach (var name in names)
        {
            await SetDrainAsync(name, drain: false);
        }
    }

    /// <summary>Every node as node 0's REST API lists them.</summary>
    public async Task<List<JsonElement>> WorkersAsync() =>
        [.. (await Node(0).GetJsonAsync("/api/v1/workers")).GetProperty("workers").EnumerateArray()];

    private async Task SetDrainAsync(string name, bool drain)
    {
        using var response = await Node(0).PostAsync($"/api/v1/workers/{name}/{(drain ? "drain" : "resume")}", new JsonObject());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The worker id prefix of the node's current process (<c>host:pid:</c>), as attempts record it.</summary>
    public string WorkerPrefix(int index) => $"{Environment.MachineName}:{Node(index).Daemon.Pid}:";

    /// <summary>A command task that runs <paramref name="script"/> with sh in the shared folder.</summary>
    public JsonObject Shell(string script, string? name = null)
    {
        var body = new JsonObject
        {
            ["command"] = new JsonArray("sh", "-c", script),
            ["working_directory"] = Shared,
        };
        if (name is not null)
        {
            body["name"] = name;
        }

        return body;
    }

    /// <summary>The task as any running node sees it.</summary>
    public Task<JsonElement> TaskAsync(string id) => nodes.First(n => n is not null)!.GetJsonAsync($"/api/v1/tasks/{id}");

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        foreach (var home in homes)
        {
            home.Dispose();
        }

        try
        {
            Directory.Delete(Shared, recursive: true);
        }
        catch (IOException)
        {
            // A task still writing; the temp folder's own cleaning takes it.
        }
    }

    private void AddHome(int index, int maxRescues, TimeSpan? beat)
    {
        var home = new BatonHome(stopGraceSeconds: 1, environment: new Dictionary<string, string>
        {
            ["BATON_DB"] = Url,
            ["BATON_WORKER_NAME"] = $"node{index + 1}",
        });
        var path = Path.Combine(home.Dir, "baton.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        config["lease_seconds"] = beat is { } slow ? slow.TotalSeconds * 3 : Lease.TotalSeconds;
        config["lease_renew_seconds"] = beat?.TotalSeconds ?? 2;
        config["max_rescues"] = maxRescues;
        File.WriteAllText(path, config.ToJsonString());
        homes.Add(home);
    }
}
