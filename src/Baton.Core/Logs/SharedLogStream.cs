using Baton.Core.Attempts;
using Baton.Core.Storage;

namespace Baton.Core.Logs;

/// <summary>A forward-only stream over an attempt's log in the shared store, a page at a time.</summary>
internal sealed class SharedLogStream(IAttemptLogStore store, AttemptKey attempt, int pageBytes) : Stream
{
    private byte[] page = [];
    private int used;
    private long offset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => offset - (page.Length - used);
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (used == page.Length)
        {
            page = await store.ReadAsync(attempt, offset, pageBytes, cancellationToken);
            offset += page.Length;
            used = 0;
            if (page.Length == 0)
            {
                return 0;
            }
        }

        var count = Math.Min(buffer.Length, page.Length - used);
        page.AsMemory(used, count).CopyTo(buffer);
        used += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
