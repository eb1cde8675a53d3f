using System.Text;

namespace Baton.Core.Logs;

/// <summary>Keeps the last N bytes written to it, for a result or error text without holding whole output.</summary>
internal sealed class TailBuffer(int capacity)
{
    // Allocated on the first write: most attempts of short tasks write little or nothing to one of their streams.
    private byte[] buffer = [];
    private int next;
    private bool wrapped;

    /// <summary>True once more was written than fits.</summary>
    public bool Truncated => wrapped && TotalBytes > capacity;

    /// <summary>All bytes ever written.</summary>
    public long TotalBytes { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (buffer.Length == 0)
        {
            buffer = new byte[capacity];
        }

        TotalBytes += data.Length;
        if (data.Length >= capacity)
        {
            data[^capacity..].CopyTo(buffer);
            next = 0;
            wrapped = true;
            return;
        }

        var first = Math.Min(data.Length, capacity - next);
        data[..first].CopyTo(buffer.AsSpan(next));
        data[first..].CopyTo(buffer);
        if (next + data.Length >= capacity)
        {
            wrapped = true;
        }

        next = (next + data.Length) % capacity;
    }

    /// <summary>The kept bytes as UTF-8 text, starting at a character boundary.</summary>
    public string ToText()
    {
        byte[] ordered = wrapped ? [.. buffer.AsSpan(next), .. buffer.AsSpan(0, next)] : buffer[..next];
        var skip = 0;
        // Drop UTF-8 continuation bytes left over from a character cut at the front.
        while (Truncated && skip < ordered.Length && skip < 3 && (ordered[skip] & 0xC0) == 0x80)
        {
            skip++;
        }

        return Encoding.UTF8.GetString(ordered, skip, ordered.Length - skip);
    }
}
