using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Baton.Core.Processes;

namespace Baton.Core.Runners.Gemini.Acp;

/// <summary>
/// The client side of the Agent Client Protocol: JSON-RPC 2.0, one message per line, requests written to the agent's
/// stdin and its answers, notifications and requests read from its stdout. Answers complete the request that waits
/// for them; everything else the agent sends is queued on <see cref="Incoming"/> in the order it arrived.
/// </summary>
internal sealed class AcpConnection(ProcessInput input)
{
    private readonly ConcurrentDictionary<long, (string Method, TaskCompletionSource<JsonElement> Answer)> pending = new();
    private readonly Channel<AcpIncoming> incoming = Channel.CreateUnbounded<AcpIncoming>(new UnboundedChannelOptions { SingleReader = true });
    private long nextId;
    private volatile bool closed;

    /// <summary>Notifications and requests from the agent.</summary>
    public ChannelReader<AcpIncoming> Incoming => incoming.Reader;

    /// <summary>Sends a request and waits for its result; throws <see cref="AcpRequestException"/> for an error or a closed connection.</summary>
    public async Task<JsonElement> RequestAsync(string method, JsonObject parameters, CancellationToken cancellationToken = default) =>
        await (await SendAsync(method, parameters, cancellationToken)).WaitAsync(cancellationToken);

    /// <summary>
    /// Sends a request and returns, once it is written, the task of its result: the caller knows the agent has it
    /// and can go on reading what the agent sends meanwhile.
    /// </summary>
    public async Task<Task<JsonElement>> SendAsync(string method, JsonObject parameters, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = (method, answer);
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (closed || !await input.WriteLineAsync(message.ToJsonString(), cancellationToken))
        {
            pending.TryRemove(id, out _);
            throw new AcpRequestException(method, "gemini ended before it answered", null);
        }

        return answer.Task;
    }

    /// <summary>Sends a notification (no answer expected); false if the agent no longer reads.</summary>
    public Task<bool> NotifyAsync(string method, JsonObject parameters, CancellationToken cancellationToken = default) =>
        input.WriteLineAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters }.ToJsonString(), cancellationToken);

    /// <summary>Answers one of the agent's requests with a result.</summary>
    public Task<bool> RespondAsync(JsonElement id, JsonNode result, CancellationToken cancellationToken = default) =>
        input.WriteLineAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(id.GetRawText()), ["result"] = result }.ToJsonString(), cancellationToken);

    /// <summary>Answers one of the agent's requests with an error.</summary>
    public Task<bool> RespondErrorAsync(JsonElement id, int code, string message, CancellationToken cancellationToken = default) =>
        input.WriteLineAsync(
            new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = JsonNode.Parse(id.GetRawText()),
                ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
            }.ToJsonString(),
            cancellationToken);

    /// <summary>
    /// Takes one line of the agent's stdout. Lines that are not JSON-RPC (the CLI's own noise) are ignored; they are
    /// in the attempt's log anyway.
    /// </summary>
    public void Receive(ReadOnlySpan<byte> line)
    {
        if (line.Trim((byte)' ').IsEmpty)
        {
            return;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(line.ToArray());
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var hasId = root.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null;
        if (root.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String)
        {
            var parameters = root.TryGetProperty("params", out var p) ? p : default;
            incoming.Writer.TryWrite(new AcpIncoming(method.GetString()!, hasId ? id : null, parameters));
            return;
        }

        if (hasId && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number) && pending.TryRemove(number, out var waiting))
        {
            if (root.TryGetProperty("error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var value) ? value : (int?)null;
                var text = error.TryGetProperty("message", out var m) ? m.ToString() : error.GetRawText();
                waiting.Answer.TrySetException(new AcpRequestException(waiting.Method, text, code));
            }
            else
            {
                waiting.Answer.TrySetResult(root.TryGetProperty("result", out var result) ? result : default);
            }
        }
    }

    /// <summary>The agent's process ended: requests still waiting fail, and <see cref="Incoming"/> completes.</summary>
    public void Close()
    {
        closed = true;
        foreach (var id in pending.Keys)
        {
            if (pending.TryRemove(id, out var waiting))
            {
                waiting.Answer.TrySetException(new AcpRequestException(waiting.Method, "gemini ended before it answered", null));
            }
        }

        incoming.Writer.TryComplete();
    }
}
