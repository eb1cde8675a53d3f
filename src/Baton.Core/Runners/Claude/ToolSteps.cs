using System.Text.Json;

using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Claude;

/// <summary>Describes a tool call in a few words: <c>Bash: npm test</c>, <c>Edit src/app.ts</c>, <c>Grep: TODO</c>.</summary>
public static class ToolSteps
{
    private const int MaxLength = 100;

    /// <summary>A short description of the call of <paramref name="tool"/> with <paramref name="input"/>.</summary>
    public static string Describe(string tool, JsonElement input, string workingDirectory)
    {
        var detail = tool switch
        {
            "Bash" => Field(input, "command") is { } command ? ": " + StepText.FirstLine(command) : null,
            "Read" or "Write" or "Edit" or "MultiEdit" or "NotebookEdit" =>
                (Field(input, "file_path") ?? Field(input, "notebook_path")) is { } path ? " " + StepText.Relative(path, workingDirectory) : null,
            "Grep" or "Glob" => Field(input, "pattern") is { } pattern ? ": " + pattern : null,
            "Task" or "Agent" => Field(input, "description") is { } description ? ": " + description : null,
            "WebFetch" => Field(input, "url") is { } url ? ": " + url : null,
            "WebSearch" => Field(input, "query") is { } query ? ": " + query : null,
            _ => null,
        };
        var step = tool + detail;
        return step.Length <= MaxLength ? step : step[..(MaxLength - 3)] + "...";
    }

    private static string? Field(JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;


}
