namespace Baton.Core.Processes;

/// <summary>
/// Cuts a byte stream into lines for a consumer, holding at most one partial line. A line longer than the limit is
/// passed on cut at the limit (the consumer sees malformed JSON and counts it), so memory stays bounded.
/// </summary>
internal sealed class LineSplitter(Action<ReadOnlySpan<byte>> onLine, int maxLineBytes = 16 * 1024 * 1024)
{
    private byte[] pending = new byte[4096];
    private int length;
    private bool discarding;

    public void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            var part = newline < 0 ? data : data[..newline];
            Append(part);
            if (newline < 0)
            {
                return;
            }

            EndLine();
            data = data[(newline + 1)..];
        }
    }

    /// <summary>Passes on a last line that had no newline.</summary>
    public void Flush()
    {
        if (length > 0 || discarding)
        {
            EndLine();
        }
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        if (discarding)
        {
            return;
        }

        if (length + part.Length > maxLineBytes)
        {
            part = part[..(maxLineBytes - length)];
            discarding = true;
        }

        if (length + part.Length > pending.Length)
        {
            Array.Resize(ref pending, Math.Max(pending.Length * 2, length + part.Length));
        }

        part.CopyTo(pending.AsSpan(length));
        length += part.Length;
    }

    private void EndLine()
    {
        var line = pending.AsSpan(0, length);
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        onLine(line);
        length = 0;
        discarding = false;
        if (pending.Length > 1024 * 1024)
        {
            pending = new byte[4096];
        }
    }
}
