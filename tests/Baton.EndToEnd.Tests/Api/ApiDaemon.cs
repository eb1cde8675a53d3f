using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>
/// A real <c>baton serve</c> on a fresh home, and an HTTP client on the loopback address it wrote to daemon.json
/// (tests ask for port 0, so each daemon has a port of its own).
/// </summary>
internal sealed class ApiDaemon : IAsyncDisposable
{
    private ApiDaemon(BatonHome home, DaemonProcess daemon, HttpClient http)
    {
        Home = home;
        Daemon = daemon;
        Http = http;
    }

    public BatonHome Home { get; }

    public DaemonProcess Daemon { get; }

    public HttpClient Http { get; }

    /// <param name="workers">The daemon's workers.</param>
    /// <param name="settings">Extra baton.json settings, e.g. claude_path.</param>
    public static async Task<ApiDaemon> StartAsync(int workers = 4, IReadOnlyDictionary<string, string>? settings = null)
    {
        var home = new BatonHome();
        try
        {
            if (settings is not null)
            {
                var path = Path.Combine(home.Dir, "baton.json");
                var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
                foreach (var (key, value) in settings)
                {
                    config[key] = value;
                }

                File.WriteAllText(path, config.ToJsonString());
            }

            return await StartOnAsync(home, workers);
        }
        catch
        {
            home.Dispose();
            throw;
        }
    }

    /// <summary>Starts <c>baton serve</c> on <paramref name="home"/> (disposed with the daemon).</summary>
    public static async Task<ApiDaemon> StartOnAsync(BatonHome home, int workers = 4, IReadOnlyDictionary<string, string>? environment = null)
    {
        var daemon = await home.StartDaemonAsync(workers, environment: environment);
        var url = await Eventually.Until(() => Task.FromResult(ReadUrl(home)), TimeSpan.FromSeconds(10), "daemon.json to list the HTTP address");
        Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        return new ApiDaemon(home, daemon, http);
    }

    /// <summary>A command task body that runs <paramref name="script"/> with sh in the home's work folder.</summary>
    public JsonObject Shell(string script, string? name = null)
    {
        var body = new JsonObject
        {
            ["command"] = new JsonArray("sh", "-c", script),
            ["working_directory"] = Home.Work,
        };
        if (name is not null)
        {
            body["name"] = name;
        }

        return body;
    }

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode body) => PostAsync(path, body.ToJsonString());

    public Task<HttpResponseMessage> PostAsync(string path, string json, string contentType = "application/json")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Http.PostAsync(path, content);
    }

    /// <summary>Queues a task over REST and returns its id; fails the test unless it answers 201.</summary>
    public async Task<string> CreateAsync(JsonNode body)
    {
        using var response = await PostAsync("/api/v1/tasks", body);
        var json = await ReadAsync(response);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, json.ToString());
        return json.GetProperty("task_id").GetString()!;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var json = await ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {json}");
        return json;
    }

    /// <summary>Polls the task over REST until it ended; returns its view.</summary>
    public async Task<JsonElement> WaitEndedAsync(string taskId, TimeSpan timeout)
    {
        JsonElement last = default;
        await Eventually.True(
            async () =>
            {
                last = await GetJsonAsync($"/api/v1/tasks/{taskId}");
                return last.GetProperty("status").GetString() is "completed" or "failed" or "cancelled" or "timed_out";
            },
            timeout,
            $"task {taskId} to end");
        return last;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Daemon.Dispose();
        Home.Dispose();
        await Task.CompletedTask;
    }

    private static string? ReadUrl(BatonHome home)
    {
        var path = Path.Combine(home.Dir, "daemon.json");
        try
        {
            using var info = JsonDocument.Parse(File.ReadAllText(path));
            return info.RootElement.TryGetProperty("urls", out var urls) && urls.ValueKind == JsonValueKind.Array && urls.GetArrayLength() > 0
                ? urls[0].GetString()
                : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }
}
