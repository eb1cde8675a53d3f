using System.Text.Json;

namespace Baton.Core.Runners.Agents;

/// <summary>
/// The shared part of every agent transcript: a JSON event line is rendered by the CLI's own renderer; a line that
/// is not JSON (stderr, Baton's own notices) is shown as it is; an empty line is dropped.
/// </summary>
internal static class TranscriptLines
{
    public static IEnumerable<string> Render(string line, Func<JsonElement, IEnumerable<string>> renderEvent)
    {
        if (line.Length == 0 || line[0] != '{')
        {
            return line.Length == 0 ? [] : [line];
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return [.. renderEvent(document.RootElement)];
        }
        catch (JsonException)
        {
            return [line];
        }
    }
}
