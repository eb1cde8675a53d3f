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

namespace Baton.AgentCli.Tests.Gemini;

/// <summary>
/// A scripted Gemini API on 127.0.0.1 for running the real gemini-cli offline. Agent requests (those that declare
/// tools, on <c>…:streamGenerateContent?alt=sse</c>) take the next scripted answer and get it as server-sent events,
/// one <c>data:</c> chunk per part, the last with <c>finishReason</c> and <c>usageMetadata</c>, as the Gemini API
/// streams. The CLI's routing classifier (no tools, <c>…:generateContent</c>) is answered with a small JSON verdict
/// and never consumes the script. Every request is recorded.
/// </summary>
internal sealed class ScriptedGeminiServer : IAsyncDisposable
{
    private const string ClassifierAnswer = "{\"complexity_reasoning\": \"Simple, scripted task.\", \"complexity_score\": 10}";
    private readonly object gate = new();
    private readonly Queue<(JsonArray Parts, bool Hold)> script = new();
    private readonly List<JsonObject> agentRequests = [];
    private readonly WebApplication app;

    private ScriptedGeminiServer(WebApplication app) => this.app = app;

    /// <summary>The value for GOOGLE_GEMINI_BASE_URL.</summary>
    public string BaseUrl { get; private set; } = null!;

    /// <summary>The agent requests' bodies, in arrival order.</summary>
    public IReadOnlyList<JsonObject> AgentRequests
    {
        get
        {
            lock (gate)
            {
                return [.. agentRequests];
            }
        }
    }

    public static async Task<ScriptedGeminiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedGeminiServer(app);
        app.MapFallback("{**path}", server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    /// <summary>The next answer: text.</summary>
    public void EnqueueText(string text) => Enqueue(new JsonObject { ["text"] = text });

    /// <summary>
    /// The next answer: <paramref name="text"/> streamed as a first chunk, then nothing until the CLI gives up the
    /// request (a model still thinking, for cancelling a turn while it streams).
    /// </summary>
    public void EnqueueTextThenHold(string text)
    {
        lock (gate)
        {
            script.Enqueue(([new JsonObject { ["text"] = text }], true));
        }
    }

    /// <summary>The next answer: a call of <paramref name="name"/> with <paramref name="args"/>.</summary>
    public void EnqueueCall(string name, JsonObject args) =>
        Enqueue(new JsonObject { ["functionCall"] = new JsonObject { ["name"] = name, ["args"] = args } });

    /// <summary>The text of every part of every content of a request, one string.</summary>
    public static string TextOf(JsonObject request) => request["contents"]!.ToJsonString();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private void Enqueue(JsonObject part)
    {
        lock (gate)
        {
            script.Enqueue(([part], false));
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))?.AsObject() ?? [];
        var path = context.Request.Path.Value ?? string.Empty;
        var streaming = path.EndsWith(":streamGenerateContent", StringComparison.Ordinal);
        var agent = streaming && body["tools"] is JsonArray { Count: > 0 };
        JsonArray parts;
        var hold = false;
        lock (gate)
        {
            if (agent)
            {
                agentRequests.Add(body);
                (parts, hold) = script.Count > 0
                    ? script.Dequeue()
                    : ([new JsonObject { ["text"] = "ScriptedGeminiServer: nothing scripted for this request" }], false);
            }
            else
            {
                parts = [new JsonObject { ["text"] = ClassifierAnswer }];
            }
        }

        var model = path.Split('/').Last().Split(':')[0];
        if (!streaming)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Chunk(parts, model, last: true).ToJsonString(), context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        if (hold)
        {
            await context.Response.WriteAsync($"data: {Chunk(parts, model, last: false).ToJsonString()}\r\n\r\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The CLI cancelled the request, or the server stops.
            }

            return;
        }

        var events = new StringBuilder();
        foreach (var part in parts)
        {
            var last = part == parts[^1];
            events.Append("data: ").Append(Chunk([part!.DeepClone()], model, last).ToJsonString()).Append("\r\n\r\n");
        }

        await context.Response.WriteAsync(events.ToString(), context.RequestAborted);
    }

    private static JsonObject Chunk(JsonArray parts, string model, bool last)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["parts"] = parts.DeepClone(), ["role"] = "model" },
            ["index"] = 0,
        };
        var chunk = new JsonObject { ["candidates"] = new JsonArray(candidate) };
        if (last)
        {
            candidate["finishReason"] = "STOP";
            chunk["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 1000, ["candidatesTokenCount"] = 50, ["totalTokenCount"] = 1050 };
        }

        chunk["modelVersion"] = model;
        return chunk;
    }
}
