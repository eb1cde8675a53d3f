using Baton.Core.Attempts;
using Baton.Core.Errors;
using Baton.Core.Runners.Agents;
using Baton.Core.Storage;

namespace Baton.Core.Tests.Engine.Testing;

/// <summary>
/// The real attempt store, except that recording a started process fails as when the database went out of reach, and
/// only once <paramref name="workDone"/> holds: the process has done its work before the worker hears of the failure.
/// </summary>
internal sealed class UnreachableOnProcessRecordStore(IAttemptStore inner, Func<bool> workDone) : IAttemptStore
{
    private int refused;

    /// <summary>How many process records were refused.</summary>
    public int Refused => Volatile.Read(ref refused);

    public async Task<bool> RecordProcessAsync(AttemptKey attempt, string workerId, ProcessIdentity process, string logPath, CancellationToken cancellationToken = default)
    {
        await EngineHarness.EventuallyAsync(() => Task.FromResult(workDone() ? this : null), "the process's work");
        Interlocked.Increment(ref refused);
        throw new BatonException(ErrorKind.Unavailable, "the database at 127.0.0.1:5432/baton cannot be reached (Connection refused)");
    }

    public Task<IReadOnlyList<Claim>> ClaimAsync(string workerId, IReadOnlyCollection<string> labels, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default) =>
        inner.ClaimAsync(workerId, labels, now, leaseUntil, limit, cancellationToken);

    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default) => inner.NextDueAtAsync(cancellationToken);

    public Task<FinishOutcome> FinishAsync(AttemptFinish finish, CancellationToken cancellationToken = default) => inner.FinishAsync(finish, cancellationToken);

    public Task<IReadOnlyList<AttemptKey>> RenewLeasesAsync(string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        inner.RenewLeasesAsync(workerId, leaseUntil, cancellationToken);

    public Task<bool> RecordProgressAsync(AttemptKey attempt, string workerId, AgentProgress progress, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.RecordProgressAsync(attempt, workerId, progress, now, cancellationToken);

    public Task<bool> RecordReportAsync(AttemptKey attempt, AgentReport report, CancellationToken cancellationToken = default) =>
        inner.RecordReportAsync(attempt, report, cancellationToken);

    public Task<IReadOnlyList<AttemptInstructions>> FindInstructionsAsync(string workerId, CancellationToken cancellationToken = default) =>
        inner.FindInstructionsAsync(workerId, cancellationToken);

    public Task<IReadOnlyList<RunningAttempt>> FindOtherRunningAttemptsAsync(string workerId, CancellationToken cancellationToken = default) =>
        inner.FindOtherRunningAttemptsAsync(workerId, cancellationToken);

    public Task<bool> RescueAsync(AttemptRescue rescue, CancellationToken cancellationToken = default) => inner.RescueAsync(rescue, cancellationToken);
}
