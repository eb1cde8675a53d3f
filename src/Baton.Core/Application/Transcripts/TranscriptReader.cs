using System.Text;
using Baton.Core.Application.Views;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Application.Transcripts;

/// <summary>
/// Reads an attempt's log from a byte offset into transcript entries, through the runner's own renderer (the one
/// <c>baton task logs</c> uses): whole lines only, so a caller that follows a running attempt passes the returned
/// offset back and never sees half a line. Each call reads at most <see cref="MaxBytes"/> of log.
/// </summary>
public static class TranscriptReader
{
    /// <summary>The most log read in one call (the log may be many MiB; the caller asks again from the offset).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>What was read: the entries, the offset after the last whole line, and whether the log ran out.</summary>
    public sealed record Page(IReadOnlyList<TranscriptEntryView> Entries, long NextOffset, bool ReachedEnd);

    /// <summary>
    /// The entries logged from <paramref name="offset"/> on. A last line without its newline is read only when
    /// <paramref name="ended"/> (the attempt will write no more); otherwise it waits for the next call.
    /// </summary>
    public static async Task<Page> ReadAsync(
        Stream log, long offset, bool ended, string runner, string workingDirectory, CancellationToken cancellationToken = default)
    {
        await SkipAsync(log, offset, cancellationToken);
        var render = TranscriptRenderers.For(runner);
        var entries = new List<TranscriptEntryView>();
        var pending = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var position = offset;
        var read = 0L;
        var reachedEnd = false;
        while (read < MaxBytes)
        {
            var count = await log.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, MaxBytes - read)), cancellationToken);
            if (count == 0)
            {
                reachedEnd = true;
                break;
            }

            read += count;
            var start = 0;
            for (var i = 0; i < count; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                pending.Write(buffer, start, i - start);
                position += pending.Length + 1;
                Add(entries, Line(pending), render, workingDirectory);
                pending.SetLength(0);
                start = i + 1;
            }

            pending.Write(buffer, start, count - start);
        }

        // The end of a finished log, or one line longer than a whole read, which would otherwise never be passed.
        if (pending.Length > 0 && ((reachedEnd && ended) || (!reachedEnd && position == offset)))
        {
            position += pending.Length;
            Add(entries, Line(pending), render, workingDirectory);
        }

        return new Page(entries, position, reachedEnd);
    }

    private static void Add(List<TranscriptEntryView> entries, string line, Func<string, string, IEnumerable<string>>? render, string workingDirectory)
    {
        if (render is null)
        {
            entries.Add(new TranscriptEntryView(TranscriptKind.Output.ToWire(), line));
            return;
        }

        foreach (var rendered in render(line, workingDirectory))
        {
            entries.Add(new TranscriptEntryView(TranscriptKinds.Of(rendered).ToWire(), rendered));
        }
    }

    private static string Line(MemoryStream bytes)
    {
        var length = (int)bytes.Length;
        // A log written on Windows, or by a program that ends lines with CR LF, reads as the CLI shows it.
        if (length > 0 && bytes.GetBuffer()[length - 1] == (byte)'\r')
        {
            length--;
        }

        return Encoding.UTF8.GetString(bytes.GetBuffer(), 0, length);
    }

    private static async Task SkipAsync(Stream log, long offset, CancellationToken cancellationToken)
    {
        if (offset == 0)
        {
            return;
        }

        if (log.CanSeek)
        {
            log.Seek(Math.Min(offset, log.Length), SeekOrigin.Begin);
            return;
        }

        var buffer = new byte[64 * 1024];
        var left = offset;
        while (left > 0 && await log.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken) is var count and > 0)
        {
            left -= count;
        }
    }
}
