using System.Data.Common;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>
/// Thousands of malformed requests — random bytes, truncated JSON, wrong types, huge strings, bad ids and cursors,
/// garbage routes — get 4xx answers, never a 5xx; the daemon stays up; and the store is exactly as it was. Run on
/// each store (<see cref="ApiFuzzTests"/> on SQLite, <see cref="PostgresApiFuzzTests"/> on PostgreSQL).
/// </summary>
public abstract class ApiFuzzTestBase : IAsyncLifetime
{
    private const int Requests = 3000;
    private const int Clients = 8;
    private const string IdAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private ApiDaemon api = null!;

    private static readonly string[] SnapshotQueries =
    [
        "SELECT id, status, updated_at, attempt_count, name FROM tasks ORDER BY seq",
        "SELECT id, status, updated_at, name FROM workflows ORDER BY seq",
        "SELECT workflow_id, phase_id, status FROM phases ORDER BY workflow_id, phase_id",
        "SELECT count(*) FROM attempts",
    ];

    public async Task InitializeAsync() => api = await StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    /// <summary>Starts the daemon on the store under test.</summary>
    private protected abstract Task<ApiDaemon> StartAsync();

    /// <summary>A read-only connection to the store under test, opened.</summary>
    private protected abstract DbConnection OpenStore(ApiDaemon daemon);

    /// <summary>Every row of the tables a request could change, as text.</summary>
    private string Snapshot(ApiDaemon daemon)
    {
        using var connection = OpenStore(daemon);
        var text = new StringBuilder();
        foreach (var sql in SnapshotQueries)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.GetValue(i)).Append('|');
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    [Fact]
    public async Task MalformedRequests_GetNo5xx_AndLeaveTheStoreUnchanged()
    {
        await SeedAsync();
        var before = Snapshot(api);

        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < Requests)
            {
                var random = new Random(n);
                using var request = Malformed(random);
                var what = $"#{n} {request.Method} {request.RequestUri}";
                using var response = await api.Http.SendAsync(request);
                var code = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                lock (statuses)
                {
                    statuses[code] = statuses.GetValueOrDefault(code) + 1;
                    if (code >= 500 || (request.Method == HttpMethod.Post && code < 400))
                    {
                        failures.Add($"{what}: {code} {text}");
                    }
                }
            }
        }));

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.False(api.Daemon.HasExited, api.Daemon.Output);
        Assert.Equal("ok", (await api.GetJsonAsync("/health")).GetProperty("status").GetString());
        Assert.Equal(before, Snapshot(api));
        // Every class was exercised: bad requests, unknown ids, invalid input, bodies too large, wrong media types.
        Assert.All(new[] { 400, 404, 413, 415, 422 }, code => Assert.True(statuses.GetValueOrDefault(code) > 0, $"no {code} among {string.Join(", ", statuses)}"));
    }

    /// <summary>Some state to leave untouched: waiting tasks, a finished one and a draft workflow.</summary>
    private async Task SeedAsync()
    {
        for (var i = 0; i < 5; i++)
        {
            var body = api.Shell("true", $"seed-{i}");
            body["run_at"] = "2099-01-01T00:00:00Z";
            await api.CreateAsync(body);
        }

        await api.WaitEndedAsync(await api.CreateAsync(api.Shell("echo done")), TimeSpan.FromSeconds(30));
        using var workflow = await api.PostAsync("/api/v1/workflows", new JsonObject { ["name"] = "seed" });
        Assert.Equal(HttpStatusCode.Created, workflow.StatusCode);
    }

    private HttpRequestMessage Malformed(Random random) => random.Next(10) switch
    {
        0 => Post("/api/v1/tasks", RandomBytes(random)),
        1 => Post("/api/v1/tasks", Truncated(random, ValidTask())),
        2 => Post(random.Next(2) == 0 ? "/api/v1/tasks" : "/api/v1/workflows/zzzzzzzzzzzz/tasks", WrongType(random)),
        3 => Post("/api/v1/tasks", Huge(random)),
        4 => BadId(random),
        5 => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tasks?{BadQuery(random)}"),
        6 => Post("/api/v1/workflows", BadWorkflow(random)),
        7 => Post("/api/v1/tasks", Encoding.UTF8.GetBytes(ValidTask().ToJsonString()), random.Next(2) == 0 ? "text/plain" : "application/x-www-form-urlencoded"),
        8 => new HttpRequestMessage(RandomMethod(random), $"/api/v1/{RandomText(random, 1, 30, "abcxyz/._-%20~")}"),
        _ => Post($"/api/v1/workflows/{RandomBadId(random)}/{(random.Next(2) == 0 ? "phases" : "start")}", RandomBytes(random)),
    };

    private JsonObject ValidTask()
    {
        var body = api.Shell("true");
        body["name"] = "fuzz";
        body["tags"] = new JsonArray("a");
        body["metadata"] = new JsonObject { ["k"] = "v" };
        body["priority"] = "low";
        body["timeout_seconds"] = 10;
        body["retry_on_timeout"] = false;
        body["run_at"] = "2099-01-01T00:00:00Z";
        return body;
    }

    /// <summary>A valid body with one property set to a value of a type it never takes.</summary>
    private byte[] WrongType(Random random)
    {
        var body = ValidTask();
        body["phase_id"] = "p";
        JsonNode[] notAString = [JsonValue.Create(42), JsonValue.Create(true), new JsonArray("x"), new JsonObject { ["a"] = "b" }, JsonValue.Create(1.5)];
        JsonNode[] notAnInteger = [JsonValue.Create("10"), JsonValue.Create(true), JsonValue.Create(1.5), new JsonArray(), new JsonObject(), JsonValue.Create(1e12)];
        JsonNode[] notAList = [JsonValue.Create("x"), JsonValue.Create(3), new JsonObject(), new JsonArray(1, 2), new JsonArray(new JsonArray())];
        JsonNode[] notAMap = [JsonValue.Create("x"), JsonValue.Create(3), new JsonArray(), new JsonObject { ["k"] = 1 }, new JsonObject { ["k"] = new JsonArray() }];
        JsonNode[] notABool = [JsonValue.Create("true"), JsonValue.Create(1), new JsonArray(), new JsonObject()];
        (string Field, JsonNode[] Values)[] fields =
        [
            ("name", notAString), ("agent_name", notAString), ("priority", notAString), ("working_directory", notAString),
            ("run_at", [JsonValue.Create("next week"), JsonValue.Create(5), new JsonArray()]),
            ("timeout_seconds", notAnInteger), ("max_retries", notAnInteger), ("command", notAList), ("tags", notAList),
            ("depends_on", notAList), ("metadata", notAMap), ("environment", notAMap), ("worktree", notABool), ("retry_on_timeout", notABool),
        ];
        var (field, values) = fields[random.Next(fields.Length)];
        body[field] = values[random.Next(values.Length)].DeepClone();
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>Strings over their limits: a name, a prompt, an unknown property, or a body over 1 MiB.</summary>
    private byte[] Huge(Random random)
    {
        var body = ValidTask();
        switch (random.Next(4))
        {
            case 0:
                body["name"] = new string('n', 201 + random.Next(5000));
                break;
            case 1:
                body.Remove("command");
                body["agent_instructions"] = new string('p', (256 * 1024) + 1 + random.Next(100_000));
                break;
            case 2:
                body["x_" + RandomText(random, 1, 40, "abcdefghijklmnop_")] = new string('u', random.Next(200_000));
                break;
            default:
                body["name"] = new string('b', (1024 * 1024) + random.Next(50_000));
                break;
        }

        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private static byte[] BadWorkflow(Random random) => Encoding.UTF8.GetBytes(random.Next(5) switch
    {
        0 => "{\"name\": 7}",
        1 => "{\"name\": \"\"}",
        2 => $"{{\"name\": \"{new string('w', 201 + random.Next(1000))}\"}}",
        3 => "{\"name\": \"w\", \"failure_policy\": \"" + RandomText(random, 1, 20, "abcxyz_") + "\"}",
        _ => "{\"name\": \"w\", \"phases\": [" + RandomText(random, 0, 20, "{}[],\"") + "]}",
    });

    private static HttpRequestMessage BadId(Random random)
    {
        var id = random.Next(3) == 0 ? RandomText(random, 12, 12, IdAlphabet) : RandomBadId(random);
        var suffix = new[] { string.Empty, "/status", "/result", "/logs", "/cancel", "/retry" }[random.Next(6)];
        var method = suffix is "/cancel" or "/retry" ? HttpMethod.Post : HttpMethod.Get;
        return new HttpRequestMessage(method, $"/api/v1/{(random.Next(4) == 0 ? "workflows" : "tasks")}/{Uri.EscapeDataString(id)}{suffix}");
    }

    /// <summary>An id that no task can have: it always holds a character outside the id alphabet.</summary>
    private static string RandomBadId(Random random) =>
        RandomText(random, 0, 20, IdAlphabet + "ILOUilou!-_.~") + "!iluo"[random.Next(5)] + RandomText(random, 0, 5, IdAlphabet);

    private static string BadQuery(Random random) => random.Next(5) switch
    {
        0 => $"cursor={Uri.EscapeDataString(RandomText(random, 0, 80, "ABCxyz0123456789-_=+/"))}",
        1 => $"cursor={Convert.ToBase64String(Encoding.ASCII.GetBytes("t1:" + RandomText(random, 12, 12, IdAlphabet))).TrimEnd('=')}",
        2 => $"limit={Uri.EscapeDataString(RandomText(random, 1, 12, "-0123456789.e x"))}&status=running",
        3 => $"limit={random.Next(1001, int.MaxValue)}",
        _ => $"status={Uri.EscapeDataString(RandomText(random, 0, 15, "abcdefgxyz_ "))}",
    };

    private static HttpMethod RandomMethod(Random random) =>
        new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch }[random.Next(5)];

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 2048)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Truncated(Random random, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        return bytes[..random.Next(0, bytes.Length - 1)];
    }

    private static string RandomText(Random random, int min, int max, string alphabet) =>
        new([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);

    private static HttpRequestMessage Post(string path, byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }
}
