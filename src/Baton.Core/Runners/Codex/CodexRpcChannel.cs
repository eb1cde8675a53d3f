using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Processes;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// Baton's side of <c>codex app-server</c>'s JSON-RPC over stdio: one JSON object per line each way, without the
/// <c>"jsonrpc"</c> member (the server neither sends nor needs it). Requests Baton sends wait for the reply with the
/// same id; replies are matched as stdout lines arrive (<see cref="TryComplete"/>). Lines go through the process's
/// open stdin, which keeps them from interleaving. Once the process has ended every wait ends with
/// <see cref="Reply.Ended"/>.
/// </summary>
internal sealed class CodexRpcChannel(ProcessInput input)
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<Reply>> pending = new();
    private long nextId;
    private volatile bool ended;

    /// <summary>Sends a request and waits for its reply.</summary>
    public async Task<Reply> RequestAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref nextId);
        var reply = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        try
        {
            if (ended || !await WriteAsync(new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }, cancellationToken))
            {
                return Reply.Ended;
            }

            return await reply.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }

    /// <summary>Sends a notification.</summary>
    public Task<bool> NotifyAsync(string method, CancellationToken cancellationToken) =>
        WriteAsync(new JsonObject { ["method"] = method }, cancellationToken);

    /// <summary>Answers a request the server sent.</summary>
    public Task<bool> RespondAsync(JsonElement id, JsonNode result, CancellationToken cancellationToken) =>
        WriteAsync(new JsonObject { ["id"] = JsonNode.Parse(id.GetRawText()), ["result"] = result }, cancellationToken);

    /// <summary>Refuses a request the server sent.</summary>
    public Task<bool> RespondErrorAsync(JsonElement id, int code, string message, CancellationToken cancellationToken) =>
        WriteAsync(
            new JsonObject { ["id"] = JsonNode.Parse(id.GetRawText()), ["error"] = new JsonObject { ["code"] = code, ["message"] = message } },
            cancellationToken);

    /// <summary>Takes a stdout message; true if it was the reply to one of Baton's requests.</summary>
    public bool TryComplete(JsonElement message)
    {
        if (message.TryGetProperty("method", out _) || JsonFields.Child(message, "id") is not { ValueKind: JsonValueKind.Number } id
            || !id.TryGetInt64(out var number) || !pending.TryGetValue(number, out var reply))
        {
            return false;
        }

        var error = JsonFields.Child(message, "error");
        reply.TrySetResult(error.ValueKind == JsonValueKind.Object
            ? new Reply(default, JsonFields.Text(error, "message") ?? error.GetRawText())
            : new Reply(JsonFields.Child(message, "result").Clone(), null));
        return true;
    }

    /// <summary>Sends end-of-file: the server finishes and exits.</summary>
    public Task CloseAsync() => input.CloseAsync();

    /// <summary>The process has ended: nothing more will be read or written.</summary>
    public void ProcessEnded()
    {
        ended = true;
        foreach (var reply in pending.Values)
        {
            reply.TrySetResult(Reply.Ended);
        }
    }

    // False once the process closed its stdin or exited; its exit decides the outcome.
    private Task<bool> WriteAsync(JsonObject message, CancellationToken cancellationToken) =>
        input.WriteLineAsync(message.ToJsonString(), cancellationToken);

    /// <summary>A reply: its result, or the error's message; <see cref="Ended"/> if the process ended first.</summary>
    internal readonly record struct Reply(JsonElement Result, string? Error, bool ProcessEnded = false)
    {
        public static Reply Ended { get; } = new(default, "codex app-server ended before it replied", ProcessEnded: true);

        public bool Succeeded => Error is null;
    }
}
