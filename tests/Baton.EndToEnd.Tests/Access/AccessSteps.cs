using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Access;

/// <summary>What the access tests do again and again: require tokens, create them, and call the daemon over HTTP.</summary>
internal static class AccessSteps
{
    /// <summary>Adds "require_tokens": true to the home's baton.json (keeping what the harness wrote).</summary>
    public static void RequireTokens(this BatonHome home) => home.Configure("require_tokens", true);

    /// <summary>Sets one key of the home's baton.json, keeping the others.</summary>
    public static void Configure(this BatonHome home, string key, JsonNode value)
    {
        var path = Path.Combine(home.Dir, "baton.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        config[key] = value;
        File.WriteAllText(path, config.ToJsonString());
    }

    /// <summary>
    /// An agent definition in the work folder, run by a stand-in for the Claude Code CLI (/bin/true): enough to queue
    /// agent tasks without the real CLI.
    /// </summary>
    public static void AddStandInAgent(this BatonHome home, string name)
    {
        home.Configure("claude_path", "/bin/true");
        var folder = Directory.CreateDirectory(Path.Combine(home.Work, ".claude", "agents")).FullName;
        File.WriteAllText(Path.Combine(folder, name + ".md"), $"---\nname: {name}\ndescription: a stand-in agent for access tests\n---\nSay hello.\n");
    }

    /// <summary>Creates a token through the CLI and returns its secret.</summary>
    public static async Task<string> CreateTokenAsync(this BatonHome home, string name, string scope)
    {
        var result = await home.RunAsync("token", "create", "--name", name, "--scope", scope, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json.GetProperty("token").GetString()!;
    }

    /// <summary>
    /// An HTTP client for the daemon, on loopback: the address comes from daemon.json (a wildcard address is reached
    /// through 127.0.0.1).
    /// </summary>
    public static async Task<HttpClient> HttpClientAsync(this BatonHome home)
    {
        var path = Path.Combine(home.Dir, "daemon.json");
        var url = await Eventually.Until(
            () =>
            {
                try
                {
                    using var document = JsonDocument.Parse(File.ReadAllText(path));
                    return Task.FromResult(document.RootElement.TryGetProperty("urls", out var urls) && urls.ValueKind == JsonValueKind.Array && urls.GetArrayLength() > 0
                        ? urls[0].GetString()
                        : null);
                }
                catch (Exception ex) when (ex is IOException or JsonException)
                {
                    return Task.FromResult<string?>(null);
                }
            },
            TimeSpan.FromSeconds(10),
            "daemon.json to list the daemon's addresses");
        var address = new UriBuilder(url) { Host = "127.0.0.1" }.Uri;
        return new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The loopback port the daemon serves HTTP on.</summary>
    public static async Task<int> PortAsync(this BatonHome home)
    {
        using var http = await home.HttpClientAsync();
        return http.BaseAddress!.Port;
    }

    /// <summary>Sends a request with an optional bearer token and JSON body.</summary>
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient http, HttpMethod method, string path, string? token = null, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }

    /// <summary>A JSON body for POST /api/v1/tasks: a command task that ends at once.</summary>
    public static string CommandTask(this BatonHome home, string name) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = name, ["command"] = new[] { "true" }, ["working_directory"] = home.Work });

    /// <summary>A JSON-RPC initialize request for POST /mcp.</summary>
    public const string McpInitialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"access-test","version":"1.0"}}}""";

    /// <summary>Parses a problem details response and checks its media type.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
