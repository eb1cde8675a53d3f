using System.Buffers;
using System.Text.Json;

namespace Baton.Core.Runners.Agents;

/// <summary>One line of an agent CLI's JSON-lines output, parsed from a pooled buffer (no copy per line).</summary>
internal static class JsonEventLine
{
    /// <summary>
    /// Hands the line's JSON object to <paramref name="dispatch"/> and returns its answer; false for a blank line;
    /// null for a line that is not a JSON object (the caller counts it and moves on).
    /// </summary>
    public static bool? Parse(ReadOnlySpan<byte> line, Func<JsonElement, bool> dispatch)
    {
        if (line.Trim((byte)' ').IsEmpty)
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(line.Length);
        try
        {
            line.CopyTo(buffer);
            using var document = JsonDocument.Parse(buffer.AsMemory(0, line.Length));
            return document.RootElement.ValueKind == JsonValueKind.Object ? dispatch(document.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
