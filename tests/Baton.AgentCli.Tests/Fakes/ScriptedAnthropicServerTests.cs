using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Baton.AgentCli.Tests.Fakes;

/// <summary>The scripted endpoint on its own, through HttpClient: wire shapes and routing, no CLI.</summary>
public sealed class ScriptedAnthropicServerTests
{
    private static readonly JsonArray OneTool = [new JsonObject { ["name"] = "Bash", ["input_schema"] = new JsonObject() }];

    [Fact]
    public async Task Messages_StreamingToolUse_SendsEventsInApiOrder()
    {
        await using var server = await ScriptedAnthropicServer.StartAsync();
        server.Enqueue(ScriptedTurn.Bash("ls", new ScriptedUsage(7, 3)));
        using var client = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await client.PostAsJsonAsync("/v1/messages", Request("claude-opus-5-5", stream: true, tools: OneTool));
        var events = ParseSse(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            ["message_start", "ping", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Event));
        Assert.All(events, e => Assert.Equal(e.Event, (string?)e.Data["type"]));
        Assert.Equal(7, (int)events[0].Data["message"]!["usage"]!["input_tokens"]!);
        Assert.Equal("Bash", (string?)events[2].Data["content_block"]!["name"]);
        var input = string.Concat(events.Where(e => e.Event == "content_block_delta").Select(e => (string?)e.Data["delta"]!["partial_json"]));
        Assert.Equal("ls", (string?)JsonNode.Parse(input)!["command"]);
        Assert.Equal("tool_use", (string?)events[6].Data["delta"]!["stop_reason"]);
        Assert.Equal(3, (int)events[6].Data["usage"]!["output_tokens"]!);
    }

    [Fact]
    public async Task Messages_StreamFalse_ReturnsWholeMessageJson()
    {
        await using var server = await ScriptedAnthropicServer.StartAsync();
        server.Enqueue(ScriptedTurn.Text("plain"));
        using var client = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await client.PostAsJsonAsync("/v1/messages", Request("claude-opus-5-5", stream: false, tools: OneTool));
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("message", (string?)message["type"]);
        Assert.Equal("plain", (string?)message["content"]![0]!["text"]);
        Assert.Equal("end_turn", (string?)message["stop_reason"]);
    }

    [Fact]
    public async Task Messages_HaikuOrToolless_AnsweredAsSideCallWithoutConsumingScript()
    {
        await using var server = await ScriptedAnthropicServer.StartAsync();
        server.Enqueue(ScriptedTurn.Text("scripted"));
        using var client = new HttpClient { BaseAddress = server.BaseUrl };

        using var haiku = await client.PostAsJsonAsync("/v1/messages", Request("claude-haiku-4-5", stream: false, tools: OneTool));
        using var toolless = await client.PostAsJsonAsync("/v1/messages", Request("claude-opus-5-5", stream: false, tools: null));

        Assert.Equal(server.SideCallText, (string?)JsonNode.Parse(await haiku.Content.ReadAsStringAsync())!["content"]![0]!["text"]);
        Assert.Equal(server.SideCallText, (string?)JsonNode.Parse(await toolless.Content.ReadAsStringAsync())!["content"]![0]!["text"]);
        Assert.Equal(1, server.RemainingTurns);
        Assert.All(server.Requests, request => Assert.Equal(RequestKind.SideCall, request.Kind));
    }

    [Fact]
    public async Task Messages_ScriptedErrorForTwoRequests_AnswersErrorTwiceThenNextTurn()
    {
        await using var server = await ScriptedAnthropicServer.StartAsync();
        server.Enqueue(ScriptedTurn.ApiError("bad", times: 2), ScriptedTurn.Text("after"));
        using var client = new HttpClient { BaseAddress = server.BaseUrl };

        var statuses = new List<HttpStatusCode>();
        JsonNode? firstError = null;
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/v1/messages", Request("claude-opus-5-5", stream: false, tools: OneTool));
            statuses.Add(response.StatusCode);
            firstError ??= JsonNode.Parse(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK], statuses);
        Assert.Equal("error", (string?)firstError!["type"]);
        Assert.Equal("invalid_request_error", (string?)firstError["error"]!["type"]);
        Assert.Equal("bad", (string?)firstError["error"]!["message"]);
    }

    [Fact]
    public async Task Messages_ScriptExhausted_Answers400NamingTheCause()
    {
        await using var server = await ScriptedAnthropicServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await client.PostAsJsonAsync("/v1/messages", Request("claude-opus-5-5", stream: true, tools: OneTool));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no scripted turn left", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountTokensAndProbes_Answered_AndRecordedByKind()
    {
        await using var server = await ScriptedAnthropicServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseUrl };

        using var count = await client.PostAsJsonAsync("/v1/messages/count_tokens", Request("claude-opus-5-5", stream: false, tools: OneTool));
        using var probe = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/hello"));

        Assert.Equal(1200, (int)JsonNode.Parse(await count.Content.ReadAsStringAsync())!["input_tokens"]!);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal([RequestKind.CountTokens, RequestKind.Other], server.Requests.Select(request => request.Kind));
        Assert.Equal("/api/hello", server.Requests[1].Path);
    }

    private static JsonObject Request(string model, bool stream, JsonArray? tools)
    {
        var request = new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = 1024,
            ["stream"] = stream,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
        };
        if (tools is not null)
        {
            request["tools"] = tools.DeepClone();
        }

        return request;
    }

    private static List<(string Event, JsonObject Data)> ParseSse(string body)
    {
        var events = new List<(string, JsonObject)>();
        foreach (var frame in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = frame.Split('\n');
            var name = lines.Single(line => line.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..];
            var data = lines.Single(line => line.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
            events.Add((name, JsonNode.Parse(data)!.AsObject()));
        }

        return events;
    }
}
