using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Application.Fields;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary>
/// Builds the tools' definitions: JSON Schemas written by hand (short descriptions that do not crowd an agent's
/// context, the bounds the tools check) and the protocol's <see cref="Tool"/>.
/// </summary>
internal static class ToolSchema
{
    public static JsonObject String(string description, int? maxLength = null)
    {
        var schema = new JsonObject { ["type"] = "string", ["description"] = description };
        if (maxLength is { } max)
        {
            schema["maxLength"] = max;
        }

        return schema;
    }

    public static JsonObject Integer(string description, int minimum, int maximum) =>
        new() { ["type"] = "integer", ["description"] = description, ["minimum"] = minimum, ["maximum"] = maximum };

    public static JsonObject Boolean(string description) => new() { ["type"] = "boolean", ["description"] = description };

    public static JsonObject Enum(string description, IEnumerable<string> values) =>
        new() { ["type"] = "string", ["description"] = description, ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };

    public static JsonObject StringArray(string description, int maxItems, int? maxLength = null)
    {
        var items = new JsonObject { ["type"] = "string" };
        if (maxLength is { } max)
        {
            items["maxLength"] = max;
        }

        return new() { ["type"] = "array", ["description"] = description, ["items"] = items, ["maxItems"] = maxItems };
    }

    public static JsonObject Time(string description) => new() { ["type"] = "string", ["format"] = "date-time", ["description"] = description };

    public static JsonObject StringMap(string description, int? maxEntries = null)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["description"] = description,
            ["additionalProperties"] = new JsonObject { ["type"] = new JsonArray("string", "number", "boolean") },
        };
        if (maxEntries is { } max)
        {
            schema["maxProperties"] = max;
        }

        return schema;
    }

    /// <summary>The schema of a task field, from its descriptor: its kind and its limits.</summary>
    public static JsonObject Field(TaskField field, string description) => field.Kind switch
    {
        TaskFieldKind.Text => String(description, field.MaxLength),
        TaskFieldKind.Choice => Enum(description, field.Choices),
        TaskFieldKind.Integer => Integer(description, field.Minimum!.Value, field.Maximum!.Value),
        TaskFieldKind.Boolean => Boolean(description),
        TaskFieldKind.Amount => new JsonObject { ["type"] = "number", ["description"] = description, ["minimum"] = TaskFields.MinBudgetUsd, ["maximum"] = TaskFields.MaxBudgetUsd },
        TaskFieldKind.TextList => StringArray(description, field.MaxItems!.Value, field.MaxLength),
        TaskFieldKind.TextMap => StringMap(description, field.MaxItems),
        TaskFieldKind.Time => Time(description),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "a task field of a kind the tools cannot describe"),
    };

    /// <summary>The protocol's definition of a tool whose arguments are <paramref name="properties"/>, no others.</summary>
    public static Tool Tool(string name, string description, JsonObject properties, IReadOnlyList<string> required, ToolAnnotations annotations)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]),
            ["additionalProperties"] = false,
        };
        return new Tool
        {
            Name = name,
            Title = annotations.Title,
            Description = description,
            InputSchema = JsonSerializer.SerializeToElement<JsonNode>(schema, McpJsonUtilities.DefaultOptions),
            Annotations = annotations,
        };
    }

    /// <summary>A tool that only reads.</summary>
    public static ToolAnnotations ReadOnly(string title) => new() { Title = title, ReadOnlyHint = true, OpenWorldHint = false };

    /// <summary>A tool that creates or changes something in Baton (not in the outside world).</summary>
    public static ToolAnnotations Writes(string title, bool destructive = false, bool idempotent = false) =>
        new() { Title = title, ReadOnlyHint = false, DestructiveHint = destructive, IdempotentHint = idempotent, OpenWorldHint = false };
}
