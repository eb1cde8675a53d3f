using Baton.Core.Attempts;
using Baton.Core.Errors;
using Baton.Core.Storage;

namespace Baton.Core.Tests.Engine.Testing;

/// <summary>
/// The real attempt store, except that recording a started process fails as when the database went out of reach, and
/// only once <paramref name="workDone"/> holds: the process has done its work before the worker hears of the failure.
/// After <paramref name="refusals"/> refusals the store is back and records go through.
/// </summary>
internal sealed class UnreachableOnProcessRecordStore(IAttemptStore inner, Func<bool> workDone, int refusals = 1) : DelegatingAttemptStore(inner)
{
    private int refused;

    /// <summary>How many process records were refused.</summary>
    public int Refused => Volatile.Read(ref refused);

    public override async Task<bool> RecordProcessAsync(AttemptKey attempt, string workerId, ProcessIdentity process, string logPath, CancellationToken cancellationToken = default)
    {
        if (Refused >= refusals)
        {
            return await base.RecordProcessAsync(attempt, workerId, process, logPath, cancellationToken);
        }

        await EngineHarness.EventuallyAsync(() => Task.FromResult(workDone() ? this : null), "the process's work");
        Interlocked.Increment(ref refused);
        throw new BatonException(ErrorKind.Unavailable, "the database at 127.0.0.1:5432/baton cannot be reached (Connection refused)");
    }
}
