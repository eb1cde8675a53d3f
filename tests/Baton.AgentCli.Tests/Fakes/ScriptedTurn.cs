using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.AgentCli.Tests.Fakes;

/// <summary>What the scripted endpoint answers to one main-loop request: assistant blocks, or an API error.</summary>
internal sealed record ScriptedTurn(IReadOnlyList<ScriptedBlock> Blocks, ScriptedUsage Usage, ScriptedApiError? Error = null)
{
    /// <summary><c>tool_use</c> when the turn calls a tool, so the CLI runs it and asks again; else <c>end_turn</c>.</summary>
    public string StopReason => Blocks.Any(block => block is ScriptedToolUse) ? "tool_use" : "end_turn";

    public static ScriptedTurn Text(string text, ScriptedUsage? usage = null) =>
        new([new ScriptedText(text)], usage ?? ScriptedUsage.Default);

    /// <summary>A tool call; <paramref name="input"/> is serialised as the tool's JSON input (property names as written).</summary>
    public static ScriptedTurn ToolUse(string name, object input, ScriptedUsage? usage = null) =>
        new([new ScriptedToolUse(name, JsonSerializer.SerializeToNode(input)!.AsObject())], usage ?? ScriptedUsage.Default);

    public static ScriptedTurn Write(string filePath, string content, ScriptedUsage? usage = null) =>
        ToolUse("Write", new Dictionary<string, string> { ["file_path"] = filePath, ["content"] = content }, usage);

    public static ScriptedTurn Bash(string command, ScriptedUsage? usage = null) =>
        ToolUse("Bash", new Dictionary<string, string> { ["command"] = command }, usage);

    /// <summary>An error for every later request, or for the next <paramref name="times"/> of them.</summary>
    public static ScriptedTurn ApiError(string message, int status = 400, string type = "invalid_request_error", int? times = null) =>
        new([], ScriptedUsage.Default, new ScriptedApiError(status, type, message, times));
}
