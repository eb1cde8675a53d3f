using Baton.Core.Attempts;
using Baton.Core.Storage;

namespace Baton.Core.Tests.Engine.Testing;

/// <summary>
/// The real attempt store, except that no lease can be renewed (as when the database is out of reach) and each
/// finish waits until the test lets it through, so a test can see what happens before it lands.
/// </summary>
internal sealed class RefusingRenewalsStore(IAttemptStore inner) : DelegatingAttemptStore(inner)
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

    public override Task<IReadOnlyList<AttemptKey>> RenewLeasesAsync(string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref renewals);
        throw new IOException("the store is out of reach");
    }

    public override async Task<FinishOutcome> FinishAsync(AttemptFinish finish, CancellationToken cancellationToken = default)
    {
        FinishArrived.TrySetResult(finish);
        await ReleaseFinish.Task.WaitAsync(cancellationToken);
        var outcome = await base.FinishAsync(finish, cancellationToken);
        FinishRecorded.TrySetResult(outcome);
        return outcome;
    }
}
