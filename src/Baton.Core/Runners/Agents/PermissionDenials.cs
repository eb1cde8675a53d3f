using System.Text.Json;

namespace Baton.Core.Runners.Agents;

/// <summary>
/// Says in one line which tool calls an agent's CLI refused, e.g. <c>1 tool call refused: Bash `echo hi > out.txt`</c>,
/// so that a run that "completed" without doing what it was asked is never mistaken for a clean success.
/// </summary>
public static class PermissionDenials
{
    private const int Shown = 3;
    private const int MaxInputLength = 80;

    /// <summary>The line for <paramref name="denials"/>, or null if there were none.</summary>
    public static string? Describe(IReadOnlyList<PermissionDenial> denials)
    {
        if (denials.Count == 0)
        {
            return null;
        }

        var calls = string.Join(", ", denials.Take(Shown).Select(Call));
        var more = denials.Count > Shown ? $" (+{denials.Count - Shown} more)" : string.Empty;
        return $"{denials.Count} tool call{(denials.Count == 1 ? string.Empty : "s")} refused: {calls}{more}";
    }

    /// <summary>The tool and what it was asked to do: a command, a file, a URL, or else its input as JSON.</summary>
    private static string Call(PermissionDenial denial)
    {
        var input = Salient(denial.Input);
        return input.Length == 0 ? denial.ToolName : $"{denial.ToolName} `{Clip(input)}`";
    }

    private static string Salient(string input)
    {
        try
        {
            using var document = JsonDocument.Parse(input);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return input;
            }

            foreach (var key in (string[])["command", "file_path", "path", "notebook_path", "url", "pattern", "query"])
            {
                if (root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString()!;
                }
            }

            return root.EnumerateObject().Any() ? input : string.Empty;
        }
        catch (JsonException)
        {
            return input;
        }
    }

    private static string Clip(string text)
    {
        var line = text.ReplaceLineEndings(" ").Replace('`', '\'');
        return line.Length <= MaxInputLength ? line : line[..(MaxInputLength - 3)] + "...";
    }
}
