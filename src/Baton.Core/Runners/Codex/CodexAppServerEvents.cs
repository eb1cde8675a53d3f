using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// Reads <c>codex app-server</c> messages (JSON-RPC lines) as the <c>codex exec --json</c> events they stand for, so
/// that one parser, one set of step descriptions and one transcript serve both ways of running Codex. Threads come
/// from the <c>thread/start</c> and <c>thread/resume</c> results, items from <c>item/started</c> and
/// <c>item/completed</c> (camelCase items become exec's snake_case ones), a turn's end from <c>turn/completed</c>
/// (<c>failed</c> and <c>interrupted</c> turns end as <c>turn.failed</c>), errors the CLI will not retry from
/// <c>error</c>, warnings as exec's error items, and the thread's running token total from <c>thread/tokenUsage/updated</c> as a
/// <c>thread.token_usage</c> event that exec does not have.
/// </summary>
public static class CodexAppServerEvents
{
    /// <summary>The event type that carries the thread's token total (app-server only).</summary>
    public const string TokenUsage = "thread.token_usage";

    /// <summary>Whether <paramref name="root"/> is an app-server message rather than an exec event.</summary>
    public static bool IsAppServerMessage(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && (root.TryGetProperty("method", out _) || root.TryGetProperty("result", out _)
            || (root.TryGetProperty("error", out _) && root.TryGetProperty("id", out _)));

    /// <summary>The exec events a message stands for; none for messages with no exec counterpart.</summary>
    public static IEnumerable<JsonElement> Translate(JsonElement message)
    {
        if (Event(message) is { } node)
        {
            using var document = JsonDocument.Parse(node.ToJsonString());
            yield return document.RootElement.Clone();
        }
    }

    /// <summary>An app-server item as the exec item it stands for, or null if exec has none.</summary>
    internal static JsonElement? ExecItem(JsonElement item)
    {
        if (Item(item) is not { } node)
        {
            return null;
        }

        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static JsonObject? Event(JsonElement message)
    {
        var parameters = JsonFields.Child(message, "params");
        switch (JsonFields.Text(message, "method"))
        {
            case null when JsonFields.Child(JsonFields.Child(message, "result"), "thread") is { ValueKind: JsonValueKind.Object } thread:
                return new JsonObject { ["type"] = "thread.started", ["thread_id"] = JsonFields.Text(thread, "id") };
            case "item/started" when Item(JsonFields.Child(parameters, "item")) is { } item:
                return new JsonObject { ["type"] = "item.started", ["item"] = item };
            case "item/completed" when Item(JsonFields.Child(parameters, "item")) is { } item:
                return new JsonObject { ["type"] = "item.completed", ["item"] = item };
            case "thread/tokenUsage/updated":
                return new JsonObject { ["type"] = TokenUsage, ["usage"] = Usage(JsonFields.Child(JsonFields.Child(parameters, "tokenUsage"), "total")) };
            case "turn/completed":
                return TurnEnd(JsonFields.Child(parameters, "turn"));
            case "warning" when JsonFields.Text(parameters, "message") is { } warning:
                // exec reports warnings (missing model metadata) as error items; so does this, for the same transcript.
                return new JsonObject
                {
                    ["type"] = "item.completed",
                    ["item"] = new JsonObject { ["type"] = "error", ["message"] = warning },
                };
            case "error" when !JsonFields.Flag(parameters, "willRetry"):
                return new JsonObject { ["type"] = "error", ["message"] = ErrorMessage(JsonFields.Child(parameters, "error")) };
            default:
                return null;
        }
    }

    private static JsonObject TurnEnd(JsonElement turn) => JsonFields.Text(turn, "status") switch
    {
        "completed" => new JsonObject { ["type"] = "turn.completed" },
        "interrupted" => Failed("the turn was interrupted"),
        _ => Failed(ErrorMessage(JsonFields.Child(turn, "error"))),
    };

    private static JsonObject Failed(string message) =>
        new() { ["type"] = "turn.failed", ["error"] = new JsonObject { ["message"] = message } };

    private static string ErrorMessage(JsonElement error) => JsonFields.Text(error, "message") ?? "codex reported an error";

    private static JsonObject Usage(JsonElement total) => new()
    {
        ["input_tokens"] = JsonFields.Count(total, "inputTokens"),
        ["cached_input_tokens"] = JsonFields.Count(total, "cachedInputTokens"),
        ["cache_write_input_tokens"] = JsonFields.Count(total, "cacheWriteInputTokens"),
        ["output_tokens"] = JsonFields.Count(total, "outputTokens"),
        ["reasoning_output_tokens"] = JsonFields.Count(total, "reasoningOutputTokens"),
    };

    private static JsonObject? Item(JsonElement item)
    {
        var id = JsonFields.Text(item, "id");
        return JsonFields.Text(item, "type") switch
        {
            "agentMessage" => new JsonObject { ["id"] = id, ["type"] = "agent_message", ["text"] = JsonFields.Text(item, "text") },
            "reasoning" => new JsonObject { ["id"] = id, ["type"] = "reasoning", ["text"] = Joined(JsonFields.Child(item, "summary")) },
            "commandExecution" => Command(item, id),
            "fileChange" => new JsonObject
            {
                ["id"] = id,
                ["type"] = "file_change",
                ["changes"] = Changes(JsonFields.Child(item, "changes")),
                ["status"] = JsonFields.Text(item, "status"),
            },
            "mcpToolCall" => new JsonObject
            {
                ["id"] = id,
                ["type"] = "mcp_tool_call",
                ["server"] = JsonFields.Text(item, "server"),
                ["tool"] = JsonFields.Text(item, "tool"),
                ["result"] = Copy(JsonFields.Child(item, "result")),
                ["error"] = Copy(JsonFields.Child(item, "error")),
                ["status"] = JsonFields.Text(item, "status"),
            },
            "webSearch" => new JsonObject { ["id"] = id, ["type"] = "web_search", ["query"] = JsonFields.Text(item, "query") },
            "plan" => new JsonObject { ["id"] = id, ["type"] = "plan", ["text"] = JsonFields.Text(item, "text") },
            "collabAgentToolCall" => new JsonObject { ["id"] = id, ["type"] = "collab_tool_call", ["tool"] = JsonFields.Text(item, "tool") },
            _ => null,
        };
    }

    private static JsonObject Command(JsonElement item, string? id)
    {
        // A declined command never ran; saying so reads better in the transcript than an empty output.
        var declined = JsonFields.Text(item, "status") == "declined";
        return new JsonObject
        {
            ["id"] = id,
            ["type"] = "command_execution",
            ["command"] = JsonFields.Text(item, "command"),
            ["aggregated_output"] = declined ? "(declined)" : JsonFields.Text(item, "aggregatedOutput") ?? string.Empty,
            ["exit_code"] = Copy(JsonFields.Child(item, "exitCode")),
            ["status"] = JsonFields.Text(item, "status"),
        };
    }

    private static JsonArray Changes(JsonElement changes)
    {
        var result = new JsonArray();
        if (changes.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var change in changes.EnumerateArray())
        {
            result.Add(new JsonObject
            {
                ["path"] = JsonFields.Text(change, "path"),
                ["kind"] = JsonFields.Text(JsonFields.Child(change, "kind"), "type"),
            });
        }

        return result;
    }

    private static string Joined(JsonElement parts) =>
        parts.ValueKind == JsonValueKind.Array
            ? string.Join("\n", parts.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()))
            : string.Empty;

    private static JsonNode? Copy(JsonElement value) =>
        value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : JsonNode.Parse(value.GetRawText());
}
