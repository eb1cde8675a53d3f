using System.Globalization;
using System.Net;
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
/// A scripted Anthropic Messages endpoint on 127.0.0.1 (dynamic port) for running the real Claude Code CLI offline.
/// Main-loop requests (<see cref="RequestKind.Turn"/>) take the next <see cref="ScriptedTurn"/> from the queue;
/// side calls, token counting and probes get fixed answers so they never consume the script. Every request is
/// recorded, so tests can assert on the conversation the CLI sent back.
/// </summary>
internal sealed class ScriptedAnthropicServer : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly Queue<ScriptedTurn> script = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly WebApplication app;
    private int messageCount;
    private int toolUseCount;
    private int headErrorCount;

    private ScriptedAnthropicServer(WebApplication app) => this.app = app;

    /// <summary>The value for ANTHROPIC_BASE_URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The text of every side call's answer.</summary>
    public string SideCallText { get; set; } = "Scripted side answer";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>The main-loop requests, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Turns => [.. Requests.Where(request => request.Kind == RequestKind.Turn)];

    public int RemainingTurns
    {
        get
        {
            lock (gate)
            {
                return script.Count;
            }
        }
    }

    public static async Task<ScriptedAnthropicServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedAnthropicServer(app);
        app.MapPost("/v1/messages/count_tokens", server.CountTokensAsync);
        app.MapPost("/v1/messages", server.MessagesAsync);
        app.MapFallback("{**path}", server.OtherAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public void Enqueue(params ScriptedTurn[] turns)
    {
        lock (gate)
        {
            foreach (var turn in turns)
            {
                script.Enqueue(turn);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task MessagesAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var model = (string?)body?["model"] ?? "claude-unknown";
        var side = model.Contains("haiku", StringComparison.OrdinalIgnoreCase) || body?["tools"] is not JsonArray { Count: > 0 };
        var kind = side ? RequestKind.SideCall : RequestKind.Turn;
        ScriptedTurn? turn;
        int number;
        lock (gate)
        {
            requests.Add(Recorded(context, kind, body));
            turn = side ? ScriptedTurn.Text(SideCallText, new ScriptedUsage(100, 5)) : NextTurn();
            number = ++messageCount;
        }

        var requestId = string.Create(CultureInfo.InvariantCulture, $"req_mock{number:D4}");
        context.Response.Headers["request-id"] = requestId;

        // An exhausted script fails the run at once with a message naming the cause (a 400 is not retried).
        turn ??= ScriptedTurn.ApiError("ScriptedAnthropicServer: no scripted turn left for this request");
        if (turn.Error is { } error)
        {
            context.Response.StatusCode = error.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(AnthropicWire.Error(error.Type, error.Message).ToJsonString(), context.RequestAborted);
            return;
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"msg_mock{number:D4}");
        var toolUseIds = turn.Blocks.Select(block => block is ScriptedToolUse { Id: { } scripted } ? scripted : NextToolUseId()).ToList();
        if ((bool?)body?["stream"] != true)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(AnthropicWire.Message(id, model, turn, toolUseIds).ToJsonString(), context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        foreach (var (name, data) in AnthropicWire.StreamEvents(id, model, turn, toolUseIds))
        {
            await context.Response.WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private async Task CountTokensAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        Record(context, RequestKind.CountTokens, body);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"input_tokens":1200}""", context.RequestAborted);
    }

    private async Task OtherAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        Record(context, RequestKind.Other, body);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private void Record(HttpContext context, RequestKind kind, JsonObject? body)
    {
        lock (gate)
        {
            requests.Add(Recorded(context, kind, body));
        }
    }

    private static RecordedRequest Recorded(HttpContext context, RequestKind kind, JsonObject? body) => new(
        context.Request.Method,
        context.Request.Path,
        kind,
        context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString()),
        body);

    // Caller holds the gate. An error turn stays at the head of the script until it has answered Times requests.
    private ScriptedTurn? NextTurn()
    {
        if (!script.TryPeek(out var head))
        {
            return null;
        }

        if (head.Error is { } error && (error.Times is null || ++headErrorCount < error.Times))
        {
            return head;
        }

        headErrorCount = 0;
        return script.Dequeue();
    }

    private string NextToolUseId() =>
        string.Create(CultureInfo.InvariantCulture, $"toolu_mock{Interlocked.Increment(ref toolUseCount):D4}");

    private static async Task<JsonObject?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || HttpMethods.IsHead(request.Method) || HttpMethods.IsGet(request.Method))
        {
            return null;
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return text.Length == 0 ? null : JsonNode.Parse(text)?.AsObject();
    }
}
