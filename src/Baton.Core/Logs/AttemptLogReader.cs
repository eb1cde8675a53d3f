using Baton.Core.Attempts;
using Baton.Core.Storage;

namespace Baton.Core.Logs;

/// <summary>
/// Reads an attempt's log wherever it is kept: from the shared store where the store keeps logs (any node sees an
/// attempt that runs on another), else from the log file on this machine.
/// </summary>
public sealed class AttemptLogReader(IAttemptLogStore? shared)
{
    /// <summary>The most read from the store in one query.</summary>
    private const int PageBytes = 1024 * 1024;

    /// <summary>True where logs come from the shared store rather than a local file.</summary>
    public bool IsShared => shared is not null;

    /// <summary>Copies what the log holds past <paramref name="offset"/>; returns the new offset.</summary>
    public async Task<long> CopyFromAsync(AttemptKey attempt, string path, long offset, Stream output, CancellationToken cancellationToken = default)
    {
        if (shared is not null)
        {
            while (await shared.ReadAsync(attempt, offset, PageBytes, cancellationToken) is { Length: > 0 } page)
            {
                await output.WriteAsync(page, cancellationToken);
                offset += page.Length;
            }

            await output.FlushAsync(cancellationToken);
            return offset;
        }

        if (!File.Exists(path))
        {
            return offset;
        }

        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        input.Seek(offset, SeekOrigin.Begin);
        await input.CopyToAsync(output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return input.Position;
    }

    /// <summary>The log to read from the start, or null if there is none yet.</summary>
    public Stream? Open(AttemptKey attempt, string path)
    {
        if (shared is not null)
        {
            return new SharedLogStream(shared, attempt, PageBytes);
        }

        return File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true)
            : null;
    }
}
