using Baton.Core.Attempts;
using Baton.Core.Runners.Agents;
using Baton.Core.Storage;

namespace Baton.Core.Tests.Engine.Testing;

/// <summary>
/// The real attempt store, except that no lease can be renewed (as when the database is out of reach) and each
/// finish waits until the test lets it through, so a test can see what happens before it lands.
/// </summary>
internal sealed class RefusingRenewalsStore(IAttemptStore inner) : IAttemptStore
{
    private int renewals;

    /// <summary>How many renewals were refused.</summary>
    public int Renewals => Volatile.Read(ref renewals);

    /// <summary>The finishes that arrived, and when on the engine's clock.</summary>
    public TaskCompletionSource<AttemptFinish> FinishArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes to let finishes through to the store.</summary>
    public TaskCompletionSource ReleaseFinish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the store answered to the held finish.</summary>
    public TaskCompletionSource<FinishOutcome> FinishRecorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IReadOnlyList<AttemptKey>> RenewLeasesAsync(string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref renewals);
        throw new IOException("the store is out of reach");
    }

    public async Task<FinishOutcome> FinishAsync(AttemptFinish finish, CancellationToken cancellationToken = default)
    {
        FinishArrived.TrySetResult(finish);
        await ReleaseFinish.Task.WaitAsync(cancellationToken);
        var outcome = await inner.FinishAsync(finish, cancellationToken);
        FinishRecorded.TrySetResult(outcome);
        return outcome;
    }

    public Task<IReadOnlyList<Claim>> ClaimAsync(string workerId, IReadOnlyCollection<string> labels, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default) =>
        inner.ClaimAsync(workerId, labels, now, leaseUntil, limit, cancellationToken);

    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default) => inner.NextDueAtAsync(cancellationToken);

    public Task<bool> RecordProcessAsync(AttemptKey attempt, string workerId, ProcessIdentity process, string logPath, CancellationToken cancellationToken = default) =>
        inner.RecordProcessAsync(attempt, workerId, process, logPath, cancellationToken);

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
