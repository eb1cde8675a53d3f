using System.Text.Json.Nodes;

namespace Baton.AgentCli.Tests.Fakes;

/// <summary>
/// One scripted model response for <see cref="ScriptedResponsesServer"/>: a tool the model calls (a shell command
/// with Codex's <c>exec_command</c>, questions with <c>request_user_input</c>), a text answer, or an API error. The events follow the Responses API's streaming order:
/// <c>response.created</c>, for text <c>response.output_item.added</c> and <c>response.output_text.delta</c>, then
/// <c>response.output_item.done</c> with the finished item, and <c>response.completed</c> with the usage.
/// </summary>
internal sealed record ResponsesTurn
{
    private ResponsesTurn()
    {
    }

    /// <summary>The tool call's id (commands), which Codex uses as the command item's id too.</summary>
    public string? CallId { get; private init; }

    public string? ToolName { get; private init; }

    public JsonObject? Arguments { get; private init; }

    /// <summary>The input of a freeform (custom) tool call, such as apply_patch's patch.</summary>
    public string? FreeformInput { get; private init; }

    public string? Text { get; private init; }

    public int InputTokens { get; private init; }

    public int CachedTokens { get; private init; }

    public int OutputTokens { get; private init; }

    public int ReasoningTokens { get; private init; }

    public (int Status, JsonObject Body)? Error { get; private init; }

    /// <summary>
    /// The model runs <paramref name="command"/> with <c>exec_command</c>. Codex returns a command's output to the
    /// model after 10 s unless the call asks for longer, so it asks for the most Codex allows (30 s).
    /// </summary>
    public static ResponsesTurn Shell(string callId, string command, int inputTokens = 3000, int cachedTokens = 2048, int outputTokens = 80, int reasoningTokens = 24) =>
        new()
        {
            CallId = callId,
            ToolName = "exec_command",
            Arguments = new JsonObject { ["cmd"] = command, ["yield_time_ms"] = 30000 },
            InputTokens = inputTokens,
            CachedTokens = cachedTokens,
            OutputTokens = outputTokens,
            ReasoningTokens = reasoningTokens,
        };

    /// <summary>The model asks one question with <c>request_user_input</c> (Codex offers it in plan mode only).</summary>
    public static ResponsesTurn Question(string callId, string id, string header, string question, params (string Label, string Description)[] options) =>
        new()
        {
            CallId = callId,
            ToolName = "request_user_input",
            Arguments = new JsonObject
            {
                ["questions"] = new JsonArray(new JsonObject
                {
                    ["id"] = id,
                    ["header"] = header,
                    ["question"] = question,
                    ["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["label"] = o.Label, ["description"] = o.Description })]),
                }),
            },
            InputTokens = 3000,
            OutputTokens = 40,
        };

    /// <summary>The model edits files with Codex's freeform <c>apply_patch</c> tool (offered for catalog models).</summary>
    public static ResponsesTurn Patch(string callId, string patch) =>
        new() { CallId = callId, ToolName = "apply_patch", FreeformInput = patch, InputTokens = 3000, OutputTokens = 60 };

    /// <summary>The model answers with <paramref name="text"/> and ends its turn.</summary>
    public static ResponsesTurn Answer(string text, int inputTokens = 3100, int outputTokens = 10) =>
        new() { Text = text, InputTokens = inputTokens, OutputTokens = outputTokens };

    /// <summary>The API refuses the request with <paramref name="status"/> and an OpenAI error body.</summary>
    public static ResponsesTurn ApiError(int status, string type, string message) => new()
    {
        Error = (status, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = null },
        }),
    };

    /// <summary>The events of this response, as the data of each server-sent event.</summary>
    public IEnumerable<JsonObject> Events(string responseId)
    {
        yield return new JsonObject { ["type"] = "response.created", ["response"] = new JsonObject { ["id"] = responseId } };
        if (FreeformInput is not null)
        {
            yield return new JsonObject
            {
                ["type"] = "response.output_item.done",
                ["output_index"] = 0,
                ["item"] = new JsonObject
                {
                    ["type"] = "custom_tool_call",
                    ["id"] = "ctc_" + CallId,
                    ["call_id"] = CallId,
                    ["name"] = ToolName,
                    ["input"] = FreeformInput,
                },
            };
        }
        else if (ToolName is not null)
        {
            yield return new JsonObject
            {
                ["type"] = "response.output_item.done",
                ["output_index"] = 0,
                ["item"] = new JsonObject
                {
                    ["type"] = "function_call",
                    ["id"] = "fc_" + CallId,
                    ["call_id"] = CallId,
                    ["name"] = ToolName,
                    ["arguments"] = Arguments!.ToJsonString(),
                },
            };
        }
        else
        {
            var messageId = "msg_" + responseId;
            yield return new JsonObject
            {
                ["type"] = "response.output_item.added",
                ["output_index"] = 0,
                ["item"] = new JsonObject { ["type"] = "message", ["id"] = messageId, ["role"] = "assistant", ["content"] = new JsonArray() },
            };
            yield return new JsonObject
            {
                ["type"] = "response.output_text.delta",
                ["item_id"] = messageId,
                ["output_index"] = 0,
                ["content_index"] = 0,
                ["delta"] = Text,
            };
            yield return new JsonObject
            {
                ["type"] = "response.output_item.done",
                ["output_index"] = 0,
                ["item"] = new JsonObject
                {
                    ["type"] = "message",
                    ["id"] = messageId,
                    ["role"] = "assistant",
                    ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = Text }),
                },
            };
        }

        yield return new JsonObject
        {
            ["type"] = "response.completed",
            ["response"] = new JsonObject
            {
                ["id"] = responseId,
                ["usage"] = new JsonObject
                {
                    ["input_tokens"] = InputTokens,
                    ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = CachedTokens },
                    ["output_tokens"] = OutputTokens,
                    ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = ReasoningTokens },
                    ["total_tokens"] = InputTokens + OutputTokens,
                },
            },
        };
    }
}
