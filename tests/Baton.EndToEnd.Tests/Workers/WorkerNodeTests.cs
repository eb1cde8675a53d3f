using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Workers;

/// <summary>
/// Worker nodes through the real executable: <c>serve --workers 0</c> runs nothing and says why a task needing labels
/// waits; <c>baton worker</c> runs tasks without HTTP; <c>baton workers</c>, drain and resume through the CLI and REST.
/// </summary>
public sealed class WorkerNodeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ServeWithoutWorkers_TaskRequiringALabel_StaysQueuedSayingNoLiveWorkerHasItAndNoNodeIsListed()
    {
        await using var api = await ApiDaemon.StartAsync(workers: 0);
        var body = api.Shell("echo never");
        body["requires_labels"] = new JsonArray("gpu", "repo=/srv/app");

        var id = await api.CreateAsync(body);

        const string notice = "waiting: no live worker has labels gpu, repo=/srv/app; start one with baton worker --label gpu --label repo=/srv/app";
        var rest = await api.GetJsonAsync($"/api/v1/tasks/{id}");
        Assert.Equal(["gpu", "repo=/srv/app"], rest.GetProperty("requires_labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(notice, rest.GetProperty("notice").GetString());
        Assert.Equal(notice, (await api.GetJsonAsync($"/api/v1/tasks/{id}/status")).GetProperty("notice").GetString());
        var cli = await api.Home.StatusAsync(id);
        Assert.Equal(("pending", notice), (cli.GetProperty("status").GetString(), cli.GetProperty("notice").GetString()));
        Assert.Empty((await api.GetJsonAsync("/api/v1/workers")).GetProperty("workers").EnumerateArray());
        Assert.DoesNotContain("Engine started", api.Daemon.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_WithALabel_RunsTheTaskThatRequiresItWithoutAnHttpListenerAndIsListedThenDrainedThenGone()
    {
        using var home = new BatonHome();
        var worker = await home.StartLongLivedAsync(["worker", "--workers", "2", "--label", "gpu=a100", "--name", "gpu-box"], "Engine started");

        var id = await home.AddAsync("--requires-label", "gpu", "--", "sh", "-c", "echo ran");

        var ended = await home.WaitTerminalAsync(id, Limit);
        Assert.Equal("completed", ended!.Value.GetProperty("status").GetString());
        using (var info = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(home.Dir, "daemon.json"))))
        {
            Assert.Empty(info.RootElement.GetProperty("urls").EnumerateArray());
        }

        var node = Assert.Single((await WorkersAsync(home)).EnumerateArray());
        Assert.Equal(("gpu-box", 2, "active"), (node.GetProperty("name").GetString(), node.GetProperty("slots").GetInt32(), node.GetProperty("state").GetString()));
        Assert.Equal(["gpu=a100"], node.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(Environment.MachineName, node.GetProperty("host").GetString());

        var drained = await home.RunAsync("worker", "drain", "gpu-box");
        Assert.True(drained.ExitCode == 0, drained.ToString());
        Assert.Contains("Worker gpu-box is draining", drained.Stdout, StringComparison.Ordinal);
        Assert.Equal("draining", Assert.Single((await WorkersAsync(home)).EnumerateArray()).GetProperty("state").GetString());
        var unknown = await home.RunAsync("worker", "drain", "nope");
        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("no worker named 'nope'; known workers: gpu-box", unknown.Stderr, StringComparison.Ordinal);

        worker.Terminate();
        Assert.Equal(0, await worker.WaitForExitAsync(Limit));
        Assert.Equal("gone", Assert.Single((await WorkersAsync(home)).EnumerateArray()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task DrainWait_ResumedMeanwhileOrTimedOut_Exits4Or124_ThenReturnsOnceTheAttemptEnded_AndBadTimeoutsAreRefused()
    {
        using var home = new BatonHome();
        var worker = await home.StartLongLivedAsync(["worker", "--workers", "1", "--name", "box"], "Engine started");
        var gate = Path.Combine(home.Work, "gate");
        var id = await home.AddAsync("--", "sh", "-c", $"while [ ! -e {gate} ]; do sleep 0.05; done; echo done");
        await Eventually.True(async () => (await home.StatusAsync(id)).GetProperty("status").GetString() == "running", Limit, "the task to run");

        // Somebody resumes the node while a drain waits for it: the wait ends, saying so.
        var waiting = home.RunAsync("worker", "drain", "box", "--wait", "--timeout", "60");
        await Eventually.True(
            async () => (await WorkersAsync(home)).EnumerateArray().Single().GetProperty("state").GetString() == "draining", Limit, "the drain to be asked");
        Assert.Equal(0, (await home.RunAsync("worker", "resume", "box")).ExitCode);
        var interrupted = await waiting;
        Assert.True(interrupted.ExitCode == 4, interrupted.ToString());
        Assert.Contains("worker box was resumed while this command waited for it to drain", interrupted.Stderr, StringComparison.Ordinal);

        var early = await home.RunAsync("worker", "drain", "box", "--wait", "--timeout", "1");
        Assert.True(early.ExitCode == 124, early.ToString());
        Assert.Contains("worker box is not drained after 1 s", early.Stderr, StringComparison.Ordinal);
        await File.WriteAllTextAsync(gate, string.Empty);
        var drained = await home.RunAsync("worker", "drain", "box", "--wait", "--timeout", "60");

        Assert.True(drained.ExitCode == 0, drained.ToString());
        Assert.Equal("Worker box is drained: nothing runs on it and it claims no new work, so it can be stopped.\n", drained.Stdout);
        Assert.Equal("completed", (await home.WaitTerminalAsync(id, Limit))!.Value.GetProperty("status").GetString());
        var withoutWait = await home.RunAsync("worker", "drain", "box", "--timeout", "5");
        Assert.Equal((2, true), (withoutWait.ExitCode, withoutWait.Stderr.Contains("--timeout only applies with --wait", StringComparison.Ordinal)));
        var negative = await home.RunAsync("worker", "drain", "box", "--wait", "--timeout", "-3");
        Assert.Equal((2, true), (negative.ExitCode, negative.Stderr.Contains("--timeout must be a number of seconds above 0", StringComparison.Ordinal)));
        worker.Terminate();
        Assert.Equal(0, await worker.WaitForExitAsync(Limit));
    }

    [Fact]
    public async Task Drain_IdleWorkerWithASlowHeartbeat_DrainedAtOnceThenLeavesNewWorkQueuedUntilResumed()
    {
        using var home = new BatonHome();
        // A heartbeat every 60 s: the node must learn of the drain from its wake-up, not from its next beat.
        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(home.Dir, "baton.json")))!.AsObject();
        config["lease_seconds"] = 180;
        config["lease_renew_seconds"] = 60;
        await File.WriteAllTextAsync(Path.Combine(home.Dir, "baton.json"), config.ToJsonString());
        var worker = await home.StartLongLivedAsync(["worker", "--workers", "1", "--name", "box"], "Engine started");

        var drained = await home.RunAsync("worker", "drain", "box", "--wait", "--timeout", "8");

        Assert.True(drained.ExitCode == 0, drained.ToString());
        Assert.Contains("Worker box is drained", drained.Stdout, StringComparison.Ordinal);
        var id = await home.AddAsync("--", "true");
        var queued = await home.StatusAsync(id);
        Assert.Equal("pending", queued.GetProperty("status").GetString());
        Assert.Equal(
            "waiting: every live worker is draining (box); resume one with baton worker resume box, or start one with baton serve or baton worker",
            queued.GetProperty("notice").GetString());
        Assert.Equal(0, (await home.RunAsync("worker", "resume", "box")).ExitCode);
        Assert.Equal("completed", (await home.WaitTerminalAsync(id, Limit))!.Value.GetProperty("status").GetString());
        worker.Terminate();
        Assert.Equal(0, await worker.WaitForExitAsync(Limit));
    }

    [Fact]
    public async Task Worker_NameOfALiveNode_RefusedWithExitFour()
    {
        using var first = new BatonHome();
        await first.StartLongLivedAsync(["worker", "--workers", "1", "--name", "twin"], "Engine started");
        // A second data directory on one database file: the name is the database's, not the directory's.
        using var second = new BatonHome();

        var refused = await second.RunAsync(["worker", "--workers", "1", "--name", "twin"], Limit, new Dictionary<string, string> { ["BATON_DB"] = first.DatabasePath });

        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("another live worker is named 'twin'", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_NameHeldByThisHostFromBeforeARestart_WaitsOutItsLastBeatThenStarts()
    {
        using var home = new BatonHome();
        Assert.Equal(0, (await home.RunAsync("workers")).ExitCode);
        // This node before a reboot or a container restart: this host name, another boot and pid namespace (place),
        // its last beat vouching for it a few seconds more. Its process cannot be judged from here.
        var ourPlace = Core.Engine.WorkerIdentity.ForCurrentProcess().Split(':')[3];
        var earlier = $"{Environment.MachineName}:4242:4242:{(ourPlace == "00000000" ? "ffffffff" : "00000000")}";
        var liveUntil = DateTimeOffset.UtcNow.AddSeconds(4);
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={home.DatabasePath};Pooling=False"))
        {
            db.Open();
            using var insert = db.CreateCommand();
            insert.CommandText = "INSERT INTO workers (name, worker_id, host, version, slots, started_at, heartbeat_at, live_until) VALUES ('box', $id, $host, '1', 1, $now, $now, $until)";
            insert.Parameters.AddWithValue("$id", earlier);
            insert.Parameters.AddWithValue("$host", Environment.MachineName);
            insert.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$until", liveUntil.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }

        var worker = await home.StartLongLivedAsync(["worker", "--workers", "1", "--name", "box"], "Engine started");

        Assert.True(DateTimeOffset.UtcNow >= liveUntil, "the node took the name before the earlier holder's beat ran out");
        Assert.Contains($"Worker name box is held by {earlier}, of this host name but another boot or pid namespace", worker.Output, StringComparison.Ordinal);
        var node = Assert.Single((await WorkersAsync(home)).EnumerateArray());
        Assert.Equal(("box", "active"), (node.GetProperty("name").GetString(), node.GetProperty("state").GetString()));
        Assert.StartsWith($"{Environment.MachineName}:{worker.Pid}:", node.GetProperty("worker_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkersApi_ListDrainResumeAndAnUnknownName_AnswerLikeTheCli()
    {
        await using var api = await ApiDaemon.StartAsync(workers: 2);
        var name = Assert.Single((await api.GetJsonAsync("/api/v1/workers")).GetProperty("workers").EnumerateArray()).GetProperty("name").GetString()!;
        Assert.Equal(Environment.MachineName, name);

        using (var drain = await api.PostAsync($"/api/v1/workers/{name}/drain", "{}"))
        {
            Assert.Equal(HttpStatusCode.OK, drain.StatusCode);
            Assert.Equal("draining", (await ApiDaemon.ReadAsync(drain)).GetProperty("state").GetString());
        }

        using (var missing = await api.PostAsync("/api/v1/workers/nope/drain", "{}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains($"known workers: {name}", (await ApiDaemon.ReadAsync(missing)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var resume = await api.PostAsync($"/api/v1/workers/{name}/resume", "{}"))
        {
            Assert.Equal("active", (await ApiDaemon.ReadAsync(resume)).GetProperty("state").GetString());
        }

        var paths = (await api.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/workers", out _));
        Assert.True(paths.TryGetProperty("/api/v1/workers/{name}/drain", out _));
        var body = api.Shell("true");
        body["requires_labels"] = new JsonArray("bad label");
        using var refused = await api.PostAsync("/api/v1/tasks", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("requires_labels label 'bad label' is not valid", (await ApiDaemon.ReadAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> WorkersAsync(BatonHome home)
    {
        var result = await home.RunAsync("workers", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json.GetProperty("workers");
    }
}
