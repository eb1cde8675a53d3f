namespace Baton.Core.Engine;

/// <summary>
/// Counts the engine's claims whose answer has not arrived, so that a lease renewal can tell an attempt the engine
/// never started from one it is about to start. A claim can commit although its answer is lost (the connection drops
/// after the commit was sent): the store then counts the attempt as this worker's, and every renewal would keep it so,
/// while no process of it will ever run here.
/// </summary>
internal sealed class ClaimsInFlight
{
    private int pending;
    private long begun;

    /// <summary>Marks a claim as sent; dispose the mark once its attempts have started, or once it failed.</summary>
    public Mark Begin()
    {
        Interlocked.Increment(ref pending);
        Interlocked.Increment(ref begun);
        return new Mark(this);
    }

    /// <summary>Taken before a renewal: null while a claim is in flight, else what <see cref="QuietSince"/> compares.</summary>
    public long? Quiet() => Volatile.Read(ref pending) == 0 ? Volatile.Read(ref begun) : null;

    /// <summary>
    /// True if no claim was in flight at <paramref name="quiet"/> and none has begun since: every attempt the store then
    /// counted as this worker's and the engine does not run is one it will never run.
    /// </summary>
    public bool QuietSince(long quiet) => Volatile.Read(ref pending) == 0 && Volatile.Read(ref begun) == quiet;

    /// <summary>A claim in flight, until disposed.</summary>
    public readonly struct Mark(ClaimsInFlight owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner.pending);
    }
}
