using System.Text;

namespace Baton.Cli.Output;

/// <summary>
/// A write-only stream that turns an agent CLI's JSON-lines output into transcript lines as it passes through, so
/// that <c>baton task logs</c> (and --follow) stream the transcript without holding the log in memory.
/// </summary>
internal sealed class TranscriptStream(Stream output, string workingDirectory, Func<string, string, IEnumerable<string>> render) : Stream
{
    private readonly MemoryStream partial = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var newline = buffer.IndexOf((byte)'\n');
            if (newline < 0)
            {
                partial.Write(buffer);
                return;
            }

            partial.Write(buffer[..newline]);
            EmitLine();
            buffer = buffer[(newline + 1)..];
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush() => output.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (partial.Length > 0)
            {
                EmitLine();
            }

            output.Dispose();
            partial.Dispose();
        }

        base.Dispose(disposing);
    }

    private void EmitLine()
    {
        var line = Encoding.UTF8.GetString(partial.GetBuffer(), 0, (int)partial.Length);
        partial.SetLength(0);
        foreach (var rendered in render(line, workingDirectory))
        {
            output.Write(Encoding.UTF8.GetBytes(rendered + "\n"));
        }
    }
}
