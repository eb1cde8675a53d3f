using System.Text;
using Baton.Core.Runners.Agents;

namespace Baton.Api;

/// <summary>An attempt's log as text: as captured, or for agents the transcript that <c>baton task logs</c> shows.</summary>
internal static class LogText
{
    public const string ContentType = "text/plain; charset=utf-8";

    /// <summary>The transcript renderer of an agent runner; null for commands, whose log is already text.</summary>
    public static Func<string, string, IEnumerable<string>>? Renderer(string runner) => TranscriptRenderers.For(runner);

    /// <summary>Streams the transcript line by line (the log may be 10 MiB; the transcript is never held whole).</summary>
    public static async Task WriteTranscriptAsync(
        Stream input, string workingDirectory, Func<string, string, IEnumerable<string>> render, Stream output, CancellationToken cancellationToken = default)
    {
        await using var owned = input;
        using var reader = new StreamReader(input, Encoding.UTF8);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            foreach (var rendered in render(line, workingDirectory))
            {
                await writer.WriteAsync(rendered.AsMemory(), cancellationToken);
                await writer.WriteAsync('\n');
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>N of a "bytes=N-" Range header, else 0 (the whole log).</summary>
    public static long OpenRangeStart(string? range) =>
        range is { } value && value.StartsWith("bytes=", StringComparison.Ordinal) && value.EndsWith('-')
            && long.TryParse(value.AsSpan(6, value.Length - 7), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var start)
            ? start
            : 0;
}
