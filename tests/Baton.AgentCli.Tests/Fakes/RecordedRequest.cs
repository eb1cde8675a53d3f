using System.Text.Json.Nodes;

namespace Baton.AgentCli.Tests.Fakes;

/// <summary>One request the scripted endpoint received, with its headers and parsed JSON body (null when it had none).</summary>
internal sealed record RecordedRequest(
    string Method, string Path, RequestKind Kind, IReadOnlyDictionary<string, string> Headers, JsonObject? Body)
{
    public string? Model => Body?["model"]?.GetValue<string>();

    public bool Stream => Body?["stream"]?.GetValue<bool>() ?? false;

    /// <summary>The conversation sent, oldest first.</summary>
    public IReadOnlyList<JsonObject> Messages =>
        Body?["messages"]?.AsArray().Select(message => message!.AsObject()).ToList() ?? [];

    /// <summary>Every content block of every message; string contents become one text block.</summary>
    public IEnumerable<JsonObject> ContentBlocks =>
        Messages.SelectMany(message => message["content"] switch
        {
            JsonArray blocks => blocks.Select(block => block!.AsObject()),
            JsonValue text => [new JsonObject { ["type"] = "text", ["text"] = text.GetValue<string>() }],
            _ => [],
        });

    /// <summary>The text of all <c>text</c> blocks and string contents, for "was this said" assertions.</summary>
    public IEnumerable<string> Texts =>
        ContentBlocks.Where(block => (string?)block["type"] == "text").Select(block => (string?)block["text"] ?? "");

    /// <summary>The <c>tool_result</c> blocks sent back, with their content flattened to text.</summary>
    public IEnumerable<(string ToolUseId, string Content)> ToolResults =>
        ContentBlocks
            .Where(block => (string?)block["type"] == "tool_result")
            .Select(block => ((string?)block["tool_use_id"] ?? "", Flatten(block["content"])));

    public override string ToString() =>
        $"{Method} {Path} ({Kind}, model {Model}, {Messages.Count} messages, retry {Headers.GetValueOrDefault("x-stainless-retry-count")})";

    private static string Flatten(JsonNode? content) => content switch
    {
        JsonValue text => text.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(part => (string?)part?["text"])),
        _ => "",
    };
}
