using Baton.Core.Attempts;
using Baton.Core.Errors;
using Baton.Core.Storage;

namespace Baton.Core.Tests.Engine.Testing;

/// <summary>
/// The real attempt store, except that recording a started process fails as when the database went out of reach, and
/// only once <paramref name="workDone"/> holds: the process has done its work before the worker hears of the failure.
/// </summary>
internal sealed class UnreachableOnProcessRecordStore(IAttemptStore inner, Func<bool> workDone) : DelegatingAttemptStore(inner)
{
    private int refused;

    /// <summary>How many process records were refused.</summary>
    public int Refused => Volatile.Read(ref refused);

    public override async Task<bool> RecordProcessAsync(AttemptKey attempt, string workerId, ProcessIdentity process, string logPath, CancellationToken cancellationToken = default)
    {
        await EngineHarness.EventuallyAsync(() => Task.FromResult(workDone() ? this : null), "the process's work");
        Interlocked.Increment(ref refused);
        throw new BatonException(ErrorKind.Unavailable, "the database at 127.0.0.1:5432/baton cannot be reached (Connection refused)");
    }
}
