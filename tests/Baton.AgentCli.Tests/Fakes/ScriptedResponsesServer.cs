using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.AgentCli.Tests.Fakes;

/// <summary>
/// A scripted OpenAI Responses endpoint on 127.0.0.1 (dynamic port) for running the real Codex CLI offline. Each
/// <c>POST /v1/responses</c> takes the next <see cref="ResponsesTurn"/> and streams it as server-sent events the way
/// the Responses API does (<c>event: TYPE</c>, <c>data: JSON</c>, a blank line). Every request body is recorded so
/// tests can check what Codex sent the model (tool outputs, steering messages).
/// </summary>
internal sealed class ScriptedResponsesServer : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly Queue<ResponsesTurn> script = new();
    private readonly List<JsonObject> requests = [];
    private readonly List<string> otherRequests = [];
    private readonly WebApplication app;
    private int responseCount;

    private ScriptedResponsesServer(WebApplication app) => this.app = app;

    /// <summary>The provider's base URL for config.toml, e.g. <c>http://127.0.0.1:41234/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The bodies of the model requests, in arrival order.</summary>
    public IReadOnlyList<JsonObject> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Requests to anything but the Responses endpoint (none are expected), as "METHOD path".</summary>
    public IReadOnlyList<string> OtherRequests
    {
        get
        {
            lock (gate)
            {
                return [.. otherRequests];
            }
        }
    }

    public static async Task<ScriptedResponsesServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedResponsesServer(app);
        app.MapPost("/v1/responses", server.ResponsesAsync);
        app.MapFallback("{**path}", server.OtherAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    public void Enqueue(params ResponsesTurn[] turns)
    {
        lock (gate)
        {
            foreach (var turn in turns)
            {
                script.Enqueue(turn);
            }
        }
    }

    /// <summary>Every text the user (or a steering message) said in a request, in order.</summary>
    public static IEnumerable<string> UserTexts(JsonObject request) =>
        Input(request)
            .Where(item => (string?)item["type"] == "message" && (string?)item["role"] == "user")
            .SelectMany(item => item["content"]?.AsArray() ?? [])
            .Select(part => (string?)part?["text"] ?? "");

    /// <summary>The output Codex sent back for tool call <paramref name="callId"/>, if the request carries it.</summary>
    public static string? ToolOutput(JsonObject request, string callId) =>
        Input(request)
            .Where(item => (string?)item["type"] is "function_call_output" or "custom_tool_call_output" && (string?)item["call_id"] == callId)
            .Select(item => (string?)item["output"])
            .FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static IEnumerable<JsonObject> Input(JsonObject request) =>
        request["input"]?.AsArray().Select(item => item!.AsObject()) ?? [];

    private async Task ResponsesAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = JsonNode.Parse(await reader.ReadToEndAsync(context.RequestAborted))!.AsObject();
        ResponsesTurn? turn;
        int number;
        lock (gate)
        {
            requests.Add(body);
            turn = script.Count > 0 ? script.Dequeue() : null;
            number = ++responseCount;
        }

        // An exhausted script fails the turn at once with a message naming the cause (a 400 is not retried).
        turn ??= ResponsesTurn.ApiError(400, "invalid_request_error", "ScriptedResponsesServer: no scripted response left for this request");
        if (turn.Error is { } error)
        {
            context.Response.StatusCode = error.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(error.Body.ToJsonString(), context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        foreach (var data in turn.Events($"resp_mock{number:D4}"))
        {
            var text = $"event: {(string)data["type"]!}\ndata: {data.ToJsonString()}\n\n";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private Task OtherAsync(HttpContext context)
    {
        lock (gate)
        {
            otherRequests.Add($"{context.Request.Method} {context.Request.Path}");
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
