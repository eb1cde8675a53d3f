using Baton.Core.Attempts;

namespace Baton.Core.Storage;

/// <summary>
/// Attempt logs kept in a store that several nodes share, so that any node reads, live, the output of an attempt
/// that runs on another. The running node writes its local log as usual (capped, with the cut marker) and ships
/// what it wrote here in chunks as it goes; readers read these bytes instead of a file. Only stores shared across
/// machines register it: with one machine, readers read the file.
/// </summary>
public interface IAttemptLogStore
{
    /// <summary>
    /// Stores the bytes of the attempt's log that start at <paramref name="offset"/>. Idempotent: a chunk shipped
    /// again after a lost reply changes nothing.
    /// </summary>
    Task AppendAsync(AttemptKey attempt, long offset, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="maxBytes"/> of the attempt's log from <paramref name="offset"/>, as far as it arrived
    /// without a gap; empty when nothing (more) has.
    /// </summary>
    Task<byte[]> ReadAsync(AttemptKey attempt, long offset, int maxBytes, CancellationToken cancellationToken = default);
}
