using System.Text.Json;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Claude;

/// <summary>
/// Follows Claude Code's <c>--output-format stream-json</c> output line by line. Each line is parsed as a JSON
/// DOM (key order differs between versions); unknown event types are ignored; a line that is not JSON is counted
/// and skipped. Only a final <c>result</c> line that says success and not <c>is_error</c> makes a run successful.
/// </summary>
public sealed class ClaudeStreamParser(string workingDirectory, IToolCallObserver? tools = null)
{
    // Events that change progress or the result; the rest (tool results, stream events, status) are only checked
    // for being JSON, without building a document: they are most of a long transcript's bytes. Tool results are
    // read only when someone hears tool calls (traces).
    private readonly string[] interesting = tools is null ? ["system", "assistant", "result"] : ["system", "assistant", "result", "user"];
    private string? lastMessageId;

    /// <summary>Each model message's latest usage (every line of a message repeats it), by message id.</summary>
    private readonly Dictionary<string, (string Model, ModelUsage Usage)> messageUsage = new(StringComparer.Ordinal);

    /// <summary>The session id from the <c>system/init</c> line.</summary>
    public string? SessionId { get; private set; }

    /// <summary>The latest tool call, described for a person.</summary>
    public string? CurrentStep { get; private set; }

    /// <summary>Model messages so far (lines of one message share its id and arrive together).</summary>
    public int Turns { get; private set; }

    /// <summary><c>system/api_retry</c> lines so far.</summary>
    public int ApiRetries { get; private set; }

    /// <summary>Lines that were not JSON objects.</summary>
    public int MalformedLines { get; private set; }

    /// <summary>The final <c>result</c> line, once seen.</summary>
    public JsonElement? Result { get; private set; }

    /// <summary>Progress as it stands.</summary>
    public AgentProgress Progress => new(SessionId, CurrentStep, Turns, ApiRetries, messageUsage.Count == 0 ? null : Usage());

    /// <summary>Tokens per model over the messages so far.</summary>
    private Dictionary<string, ModelUsage> Usage()
    {
        var models = new Dictionary<string, ModelUsage>(StringComparer.Ordinal);
        foreach (var (model, usage) in messageUsage.Values)
        {
            models[model] = models.TryGetValue(model, out var sum)
                ? new ModelUsage(sum.InputTokens + usage.InputTokens, sum.OutputTokens + usage.OutputTokens,
                    sum.CacheReadTokens + usage.CacheReadTokens, sum.CacheWriteTokens + usage.CacheWriteTokens, null)
                : usage;
        }

        return models;
    }

    /// <summary>Takes one line (without its newline); returns true if the progress changed.</summary>
    public bool Consume(ReadOnlySpan<byte> line)
    {
        if (line.Trim((byte)' ').IsEmpty)
        {
            return false;
        }

        string? type;
        try
        {
            type = PeekType(line);
        }
        catch (JsonException)
        {
            MalformedLines++;
            return false;
        }

        if (type is null || Array.IndexOf(interesting, type) < 0)
        {
            return false;
        }

        return JsonEventLine.Parse(line, Dispatch) ?? false;
    }

    /// <summary>
    /// The top-level <c>type</c> of a JSON object line, wherever it stands (key order differs between versions),
    /// validating the whole line on the way; throws <see cref="JsonException"/> for anything but a JSON object.
    /// </summary>
    private static string? PeekType(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("not a JSON object");
        }

        string? type = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                type = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("trailing data after the JSON object");
        }

        return type;
    }

    private bool Dispatch(JsonElement root)
    {
        switch (JsonFields.Text(root, "type"))
        {
            case "system":
                return OnSystem(root);
            case "assistant":
                return OnAssistant(root);
            case "user":
                OnToolResults(root);
                return false;
            case "result":
                Result = root.Clone();
                SessionId ??= JsonFields.Text(root, "session_id");
                return true;
            default:
                return false;
        }
    }

    private bool OnSystem(JsonElement root)
    {
        switch (JsonFields.Text(root, "subtype"))
        {
            case "init":
                SessionId = JsonFields.Text(root, "session_id") ?? SessionId;
                return true;
            case "api_retry":
                ApiRetries++;
                return true;
            default:
                return false;
        }
    }

    private bool OnAssistant(JsonElement root)
    {
        if (!root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var changed = false;
        if (JsonFields.Text(message, "id") is { } id && id != lastMessageId)
        {
            lastMessageId = id;
            Turns++;
            changed = true;
        }

        if (JsonFields.Text(message, "id") is { } messageId && JsonFields.Child(message, "usage") is { ValueKind: JsonValueKind.Object } usage)
        {
            messageUsage[messageId] = (JsonFields.Text(message, "model") ?? "claude", new ModelUsage(
                JsonFields.Count(usage, "input_tokens"), JsonFields.Count(usage, "output_tokens"),
                JsonFields.Count(usage, "cache_read_input_tokens"), JsonFields.Count(usage, "cache_creation_input_tokens"), null));
        }

        if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                if (JsonFields.Text(block, "type") == "tool_use" && JsonFields.Text(block, "name") is { } tool)
                {
                    if (JsonFields.Text(block, "id") is { } callId)
                    {
                        tools?.Started(callId, tool);
                    }

                    CurrentStep = ToolSteps.Describe(tool, block.TryGetProperty("input", out var input) ? input : default, workingDirectory);
                    changed = true;
                }
            }
        }

        return changed;
    }

    /// <summary>A user-role line carries the results of the tool calls before it.</summary>
    private void OnToolResults(JsonElement root)
    {
        if (tools is null || JsonFields.Child(JsonFields.Child(root, "message"), "content") is not { ValueKind: JsonValueKind.Array } content)
        {
            return;
        }

        foreach (var block in content.EnumerateArray())
        {
            if (JsonFields.Text(block, "type") == "tool_result" && JsonFields.Text(block, "tool_use_id") is { } callId)
            {
                tools.Ended(callId, JsonFields.Flag(block, "is_error"));
            }
        }
    }
}
