using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Events;
using Baton.EndToEnd.Tests.Harness;
using Baton.Testing.Postgres;
using Npgsql;

namespace Baton.EndToEnd.Tests.Cluster;

/// <summary>Three real nodes on one PostgreSQL database: work queued anywhere runs once, somewhere, and every node sees it all.</summary>
public sealed class ClusterRunTests : IAsyncLifetime
{
    private ClusterNodes cluster = null!;

    public async Task InitializeAsync() => cluster = await ClusterNodes.StartAsync(await PostgresCluster.Shared, 3);

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task TwoHundredTasks_QueuedThroughEveryNode_EachRunsOnce_AndEveryNodeRanSome()
    {
        var ran = Path.Combine(cluster.Shared, "ran");
        var ids = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            ids.Add(await cluster.Node(i % 3).CreateAsync(cluster.Shell($"echo \"$BATON_TASK_ID\" >> {ran}", $"t{i}")));
        }

        var workers = new HashSet<string>();
        foreach (var id in ids)
        {
            var task = await cluster.Node(2 - (ids.IndexOf(id) % 3)).WaitEndedAsync(id, TimeSpan.FromSeconds(120));
            Assert.Equal("completed", task.GetProperty("status").GetString());
            var attempts = task.GetProperty("attempts").EnumerateArray().ToList();
            Assert.Single(attempts);
            workers.Add(attempts[0].GetProperty("worker_id").GetString()!);
        }

        var lines = await File.ReadAllLinesAsync(ran);
        Assert.Equal(ids.Order(), lines.Order());
        for (var node = 0; node < 3; node++)
        {
            Assert.Contains(workers, w => w.StartsWith(cluster.WorkerPrefix(node), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Workflow_ParallelTasksEndingOnDifferentNodes_AdvancesToItsNextPhase()
    {
        var node = cluster.Node(1);
        var id = (await ExpectCreatedAsync(node, "/api/v1/workflows", new JsonObject { ["name"] = "fan-in" })).GetProperty("workflow_id").GetString()!;
        await ExpectCreatedAsync(node, $"/api/v1/workflows/{id}/phases", new JsonObject { ["phase_id"] = "fan" });
        await ExpectCreatedAsync(node, $"/api/v1/workflows/{id}/phases", new JsonObject { ["phase_id"] = "join", ["depends_on"] = new JsonArray("fan") });
        // Twelve tasks that all end at the same moment: when the last of them is written, the shared file has twelve lines.
        var barrier = Path.Combine(cluster.Shared, "barrier");
        for (var i = 0; i < 12; i++)
        {
            var body = cluster.Shell($"echo {i} >> {barrier}; while [ $(wc -l < {barrier}) -lt 12 ]; do sleep 0.05; done", $"fan-{i}");
            body["phase_id"] = "fan";
            await ExpectCreatedAsync(cluster.Node(i % 3), $"/api/v1/workflows/{id}/tasks", body);
        }

        var join = cluster.Shell("echo joined", "join");
        join["phase_id"] = "join";
        await ExpectCreatedAsync(node, $"/api/v1/workflows/{id}/tasks", join);
        using (var start = await node.PostAsync($"/api/v1/workflows/{id}/start", new JsonObject()))
        {
            Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        }

        JsonElement workflow = default;
        await Eventually.True(
            async () =>
            {
                workflow = await cluster.Node(2).GetJsonAsync($"/api/v1/workflows/{id}");
                return workflow.GetProperty("status").GetString() is not ("running" or "draft");
            },
            TimeSpan.FromSeconds(90),
            "the workflow to end");

        Assert.Equal("completed", workflow.GetProperty("status").GetString());
        var tasks = workflow.GetProperty("phases").EnumerateArray().SelectMany(p => p.GetProperty("tasks").EnumerateArray()).ToList();
        Assert.Equal(13, tasks.Count);
        Assert.All(tasks, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
        var fanWorkers = new HashSet<string>();
        foreach (var task in tasks.Where(t => t.GetProperty("name").GetString()!.StartsWith("fan-", StringComparison.Ordinal)))
        {
            var full = await cluster.TaskAsync(task.GetProperty("task_id").GetString()!);
            fanWorkers.Add(full.GetProperty("attempts")[0].GetProperty("worker_id").GetString()!);
        }

        Assert.True(fanWorkers.Count >= 2, $"the fan-out ran on {fanWorkers.Count} node(s)");
    }

    [Fact]
    public async Task EventStream_OnNodeTwo_GetsEveryEventIdExactlyOnceInOrder_WhileAllNodesWrite()
    {
        using var stream = await EventStreamClient.OpenAsync(cluster.Node(1));
        var start = await LatestEventIdAsync();
        var ids = new List<string>();
        var queued = Enumerable.Range(0, 60).Select(i => cluster.Node(i % 3).CreateAsync(cluster.Shell("true", $"e{i}")));
        ids.AddRange(await Task.WhenAll(queued));
        foreach (var id in ids)
        {
            await cluster.Node(id.GetHashCode(StringComparison.Ordinal) & 1).WaitEndedAsync(id, TimeSpan.FromSeconds(60));
        }

        var end = await LatestEventIdAsync();
        var expected = await EventIdsAsync(start, end);
        var received = new List<long>();
        while (received.Count == 0 || received[^1] < end)
        {
            var message = await stream.Reader.NextEventAsync(TimeSpan.FromSeconds(20));
            received.Add(message.Id!.Value);
        }

        Assert.Equal(expected, received);
    }

    [Fact]
    public async Task Logs_OfATaskRunningOnNodeOne_ReadLiveFromNodeThree()
    {
        var release = Path.Combine(cluster.Shared, "release");
        var first = cluster.Node(0);
        var id = await first.CreateAsync(cluster.Shell($"echo first-line; while [ ! -e {release} ]; do sleep 0.05; done; echo last-line", "talker"));
        await Eventually.True(
            async () => (await cluster.TaskAsync(id)).GetProperty("status").GetString() == "running",
            TimeSpan.FromSeconds(30),
            "the task to start");
        var runner = (await cluster.TaskAsync(id)).GetProperty("attempts")[0].GetProperty("worker_id").GetString()!;
        var reader = Enumerable.Range(0, 3).First(n => !runner.StartsWith(cluster.WorkerPrefix(n), StringComparison.Ordinal));

        // While it runs: the first line, from a node that does not run it.
        await Eventually.True(
            async () => (await cluster.Node(reader).Http.GetStringAsync($"/api/v1/tasks/{id}/logs")).Contains("first-line", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "the running task's first line on another node");
        var follow = cluster.Homes[reader].RunAsync(["task", "logs", id, "--follow"], TimeSpan.FromSeconds(60));
        await File.WriteAllTextAsync(release, "");
        var followed = await follow;

        Assert.Equal(0, followed.ExitCode);
        Assert.Equal("first-line\nlast-line\n", followed.Stdout);
    }

    [Fact]
    public async Task KillNode_MidRun_ItsTasksAreRescuedWithinTheLease_CompleteOnce_AndNoOrphanSurvives()
    {
        // Nodes two and three drain, so node one takes the four tasks; then they resume and node one dies.
        await cluster.DrainAsync("node2", "node3");
        var pids = Path.Combine(cluster.Shared, "pids");
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            // First attempts sleep for ten minutes; re-runs end at once. Each records "task attempt sleep-pid".
            var script = $"if [ \"$BATON_ATTEMPT\" = 1 ]; then s=600; else s=0.1; fi; sleep $s & echo \"$BATON_TASK_ID $BATON_ATTEMPT $!\" >> {pids}; wait $!";
            ids.Add(await cluster.Node(i % 3).CreateAsync(cluster.Shell(script, $"k{i}")));
        }

        await Eventually.True(() => File.Exists(pids) && File.ReadAllLines(pids).Length == 4, TimeSpan.FromSeconds(30), "four tasks to run");
        foreach (var id in ids)
        {
            Assert.StartsWith(cluster.WorkerPrefix(0), (await cluster.TaskAsync(id)).GetProperty("attempts")[0].GetProperty("worker_id").GetString()!, StringComparison.Ordinal);
        }

        await cluster.ResumeAsync("node2", "node3");
        var sleeps = File.ReadAllLines(pids).Select(l => int.Parse(l.Split(' ')[2], CultureInfo.InvariantCulture)).ToList();
        var victim = cluster.WorkerPrefix(0);
        var killedAt = TimeProvider.System.GetTimestamp();
        cluster.Kill(0);

        foreach (var id in ids)
        {
            var task = await WithOutputAsync(() => cluster.Node(1).WaitEndedAsync(id, TimeSpan.FromSeconds(60)));
            Assert.Equal("completed", task.GetProperty("status").GetString());
            var attempts = task.GetProperty("attempts").EnumerateArray().ToList();
            Assert.Equal(["interrupted", "completed"], attempts.Select(a => a.GetProperty("status").GetString()));
            Assert.DoesNotContain(victim, attempts[1].GetProperty("worker_id").GetString()!, StringComparison.Ordinal);
        }

        // Rescued once its leases ran out, plus the sweep's turn: well within three leases.
        var rescuedWithin = TimeProvider.System.GetElapsedTime(killedAt);
        Assert.True(rescuedWithin < ClusterNodes.Lease * 3, $"rescued after {rescuedWithin}");
        // The dead node's sleeps were stopped by the node that rescued them (this machine, so it could).
        Assert.All(sleeps, pid => Assert.False(ProcessProbe.IsAlive(pid), $"process {pid} of the killed node survived"));
        Assert.Equal(8, File.ReadAllLines(pids).Length);
    }

    [Fact]
    public async Task TaskQueuedOnANodeThatClaimsNothing_StartsOnAnIdleNodeAtOnce_NotAtItsNextPoll()
    {
        await cluster.DrainAsync("node1");
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            var queuedAt = DateTimeOffset.UtcNow;
            var id = await cluster.Node(0).CreateAsync(cluster.Shell("true", $"w{i}"));
            var task = await cluster.Node(0).WaitEndedAsync(id, TimeSpan.FromSeconds(30));
            var attempt = task.GetProperty("attempts")[0];
            Assert.DoesNotContain(cluster.WorkerPrefix(0), attempt.GetProperty("worker_id").GetString()!, StringComparison.Ordinal);
            waits.Add(attempt.GetProperty("started_at").GetDateTimeOffset() - queuedAt);
        }

        // Idle nodes poll every second; eight starts all well under it means they were told (LISTEN/NOTIFY).
        Assert.True(waits.Max() < TimeSpan.FromMilliseconds(600), $"queued→started: {string.Join(", ", waits.Select(w => $"{w.TotalMilliseconds:0} ms"))}");
    }

    [Fact]
    public async Task Tasks_WhoseOutputHoldsANulByte_EndAsOnSqlite_WithEachNulShownAsTheReplacementCharacter()
    {
        // PostgreSQL refuses NUL in text: before, such an end could not be recorded and the task stayed running.
        var first = cluster.Node(0);
        var printed = await first.CreateAsync(cluster.Shell("printf 'a\\000b\\n'", "nul-out"));
        var failing = cluster.Shell("printf 'e\\000f\\n' >&2; exit 3", "nul-err");
        failing["max_retries"] = 0;
        var failed = await first.CreateAsync(failing);

        var completed = await first.WaitEndedAsync(printed, TimeSpan.FromSeconds(30));
        var refused = await first.WaitEndedAsync(failed, TimeSpan.FromSeconds(30));

        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Contains("a\uFFFDb", completed.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", refused.GetProperty("status").GetString());
        Assert.Contains("e\uFFFDf", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_Health_DaemonJson_AndLogs_NameTheDatabaseWithoutItsPassword()
    {
        var doctor = await cluster.Homes[2].RunAsync("doctor", "--json");
        var store = JsonDocument.Parse(doctor.Stdout).RootElement.EnumerateArray().Single(c => c.GetProperty("check").GetString() == "store");
        var health = await cluster.Node(1).Http.GetStringAsync("/health");
        var daemonJson = await File.ReadAllTextAsync(Path.Combine(cluster.Homes[0].Dir, "daemon.json"));

        Assert.Equal("ok", store.GetProperty("status").GetString());
        var detail = store.GetProperty("detail").GetString()!;
        Assert.Contains($"PostgreSQL 127.0.0.1:{cluster.Server.Port}/{cluster.Database}", detail, StringComparison.Ordinal);
        Assert.Matches(@"PostgreSQL \d+\.\d+", detail);
        Assert.Matches(@"schema (\d+) of \1", detail);
        Assert.Contains("clock", detail, StringComparison.Ordinal);
        Assert.Contains($"PostgreSQL 127.0.0.1:{cluster.Server.Port}/{cluster.Database}", daemonJson, StringComparison.Ordinal);
        foreach (var text in new[] { doctor.Stdout, doctor.Stderr, health, daemonJson, cluster.Output })
        {
            Assert.DoesNotContain(cluster.Server.Password, text, StringComparison.Ordinal);
        }
    }

    /// <summary>Runs a wait; if it times out, fails with what the nodes printed.</summary>
    private async Task<T> WithOutputAsync<T>(Func<Task<T>> wait)
    {
        try
        {
            return await wait();
        }
        catch (TimeoutException ex)
        {
            Assert.Fail($"{ex.Message}\n{cluster.Output}");
            throw;
        }
    }

    private static async Task<JsonElement> ExpectCreatedAsync(Api.ApiDaemon node, string path, JsonNode body)
    {
        using var response = await node.PostAsync(path, body);
        var json = await Api.ApiDaemon.ReadAsync(response);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode} {json}");
        return json;
    }

    private async Task<long> LatestEventIdAsync()
    {
        await using var connection = new NpgsqlConnection(cluster.Server.ConnectionString(cluster.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM baton.events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<long>> EventIdsAsync(long after, long upTo)
    {
        await using var connection = new NpgsqlConnection(cluster.Server.ConnectionString(cluster.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM baton.events WHERE id > @after AND id <= @upTo ORDER BY id", connection);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("upTo", upTo);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
