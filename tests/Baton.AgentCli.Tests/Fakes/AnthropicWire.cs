using System.Text.Json.Nodes;

namespace Baton.AgentCli.Tests.Fakes;

/// <summary>
/// The JSON shapes of the Anthropic Messages API that the scripted endpoint answers with: a whole message
/// (<c>stream:false</c>), the server-sent events of a streamed one, and the error body.
/// </summary>
internal static class AnthropicWire
{
    public static JsonObject Message(string id, string model, ScriptedTurn turn, IReadOnlyList<string> toolUseIds) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = new JsonArray([.. turn.Blocks.Select((block, index) => Block(block, toolUseIds[index], withInput: true))]),
        ["stop_reason"] = turn.StopReason,
        ["stop_sequence"] = null,
        ["usage"] = Usage(turn.Usage.InputTokens, turn.Usage.OutputTokens),
    };

    /// <summary>The events of a streamed message, in order, as (event name, data) pairs.</summary>
    public static IEnumerable<(string Event, JsonObject Data)> StreamEvents(
        string id, string model, ScriptedTurn turn, IReadOnlyList<string> toolUseIds)
    {
        var start = Message(id, model, turn, toolUseIds);
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        start["usage"] = Usage(turn.Usage.InputTokens, outputTokens: 1);
        yield return ("message_start", new JsonObject { ["type"] = "message_start", ["message"] = start });
        yield return ("ping", new JsonObject { ["type"] = "ping" });

        for (var index = 0; index < turn.Blocks.Count; index++)
        {
            var block = turn.Blocks[index];
            yield return ("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = index,
                ["content_block"] = Block(block, toolUseIds[index], withInput: false),
            });
            foreach (var delta in Deltas(block))
            {
                yield return ("content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta",
                    ["index"] = index,
                    ["delta"] = delta,
                });
            }

            yield return ("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index });
        }

        yield return ("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = turn.StopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = turn.Usage.OutputTokens },
        });
        yield return ("message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    public static JsonObject Error(string type, string message) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
    };

    private static JsonObject Block(ScriptedBlock block, string toolUseId, bool withInput) => block switch
    {
        ScriptedText text => new JsonObject { ["type"] = "text", ["text"] = withInput ? text.Text : "" },
        ScriptedToolUse tool => new JsonObject
        {
            ["type"] = "tool_use",
            ["id"] = toolUseId,
            ["name"] = tool.Name,
            ["input"] = withInput ? tool.Input.DeepClone() : new JsonObject(),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(block), block, "unknown scripted block"),
    };

    // Text goes in one delta; tool input in two fragments that are only valid JSON together, so the client's
    // accumulation of partial_json is exercised as it is against the real API.
    private static IEnumerable<JsonObject> Deltas(ScriptedBlock block)
    {
        switch (block)
        {
            case ScriptedText text:
                yield return new JsonObject { ["type"] = "text_delta", ["text"] = text.Text };
                break;
            case ScriptedToolUse tool:
                var json = tool.Input.ToJsonString();
                var half = json.Length / 2;
                yield return new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = json[..half] };
                yield return new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = json[half..] };
                break;
        }
    }

    private static JsonObject Usage(int inputTokens, int outputTokens) => new()
    {
        ["input_tokens"] = inputTokens,
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = 0,
        ["output_tokens"] = outputTokens,
    };
}
