using System.Globalization;
using System.Text;
using Baton.Core.Tasks;

namespace Baton.Core.Workflows;

/// <summary>
/// The text a downstream task receives about its upstream tasks (appended to an agent's prompt; in
/// <c>BATON_UPSTREAM</c> for a command), so that a "synthesis" task works without anyone copying results by hand.
/// Each result and the whole text are capped; a cut is marked where it happens, saying how to read the rest.
/// </summary>
public static class UpstreamSummary
{
    /// <summary>The heading that starts the summary.</summary>
    public const string Heading = "## Results of the tasks this task depends on";

    /// <summary>How a summary names what ran a task: its agent, or the runner (and program, for a command).</summary>
    public static string RanBy(string? agentName, string runner, string? program) =>
        agentName is not null ? $"agent {agentName}" : runner == "command" ? $"command {program}" : $"runner {runner}";

    /// <summary>The summary, or null when there is no upstream task.</summary>
    public static string? Build(IReadOnlyList<UpstreamResult> upstream, UpstreamLimits limits)
    {
        if (upstream.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder(Heading).Append('\n');
        var used = Encoding.UTF8.GetByteCount(text.ToString());
        for (var i = 0; i < upstream.Count; i++)
        {
            var entry = Entry(upstream[i], limits.PerTaskBytes);
            var size = Encoding.UTF8.GetByteCount(entry);
            // Room is kept for the note that would have to follow, unless this is the last entry.
            var reserve = i == upstream.Count - 1 ? 0 : Encoding.UTF8.GetByteCount(Note([.. upstream.Skip(i + 1).Select(u => u.TaskId)], limits.TotalBytes));
            if (used + size + reserve <= limits.TotalBytes)
            {
                text.Append(entry);
                used += size;
                continue;
            }

            var note = Note(upstream.Skip(i).Select(u => u.TaskId).ToList(), limits.TotalBytes);
            var room = limits.TotalBytes - used - Encoding.UTF8.GetByteCount(note);
            if (room > 200)
            {
                text.Append(Utf8Prefix(entry, room));
            }

            return text.Append(note).ToString();
        }

        return text.ToString();
    }

    // A note names at most this many of the tasks left out, so it stays a few hundred bytes however many there are.
    private const int NamedInNote = 8;

    private static string Note(IReadOnlyList<string> leftOut, int totalBytes)
    {
        var named = string.Join(", ", leftOut.Take(NamedInNote));
        var more = leftOut.Count > NamedInNote ? $" and {leftOut.Count - NamedInNote} more" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"\n[... cut: {leftOut.Count} more upstream result{(leftOut.Count == 1 ? " is" : "s are")} not shown (the summary is capped at {totalBytes} bytes); read them with 'baton task result ID': {named}{more} ...]\n");
    }

    // With a capsule, the result is one line of at most this many bytes: the capsule says where the work stands.
    internal const int ResultLineBytes = 300;

    private static string Entry(UpstreamResult task, int perTaskBytes)
    {
        var heading = $"\n### {task.Name} (task {task.TaskId}, {task.Agent}, {task.Status.ToWire()})\n";
        if (task.Capsule is { } capsule)
        {
            var handover = Sessions.CapsuleText.Render(capsule) + "Result: " + ResultLine(task) + "\n";
            var size = Encoding.UTF8.GetByteCount(handover);
            if (size <= perTaskBytes)
            {
                return heading + handover;
            }

            var kept = Utf8Prefix(handover, perTaskBytes);
            return heading + kept + string.Create(CultureInfo.InvariantCulture,
                $"\n[... cut: {size - Encoding.UTF8.GetByteCount(kept)} more bytes of this task's handed-over context; read its result with 'baton task result {task.TaskId}' ...]\n");
        }

        var result = task.Result?.Trim() ?? string.Empty;
        var bytes = Encoding.UTF8.GetByteCount(result);
        var shown = bytes <= perTaskBytes
            ? result
            : Utf8Prefix(result, perTaskBytes) + string.Create(CultureInfo.InvariantCulture,
                $"\n[... cut: {bytes - Encoding.UTF8.GetByteCount(Utf8Prefix(result, perTaskBytes))} more bytes of this result; read all of it with 'baton task result {task.TaskId}' ...]");
        return $"{heading}{(shown.Length == 0 ? "(no output)" : shown)}\n";
    }

    /// <summary>The first line of the result, capped, saying where the rest is when there is more.</summary>
    private static string ResultLine(UpstreamResult task)
    {
        var result = task.Result?.Trim() ?? string.Empty;
        if (result.Length == 0)
        {
            return "(no output)";
        }

        var line = result.Split('\n', 2)[0].TrimEnd('\r').Trim();
        var kept = Utf8Prefix(line, ResultLineBytes);
        return kept.Length == result.Length ? kept : $"{kept} [... the whole result: 'baton task result {task.TaskId}']";
    }

    /// <summary>The longest prefix of <paramref name="text"/> within <paramref name="maxBytes"/> UTF-8 bytes, never splitting a character.</summary>
    internal static string Utf8Prefix(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var bytes = 0;
        var index = 0;
        while (index < text.Length)
        {
            var length = char.IsSurrogatePair(text, index) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(index, length));
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            index += length;
        }

        return text[..index];
    }
}
