using Baton.Core.Attempts;
using Baton.Core.Errors;
using Baton.Core.Runners.Agents;
using Baton.Core.Storage;

namespace Baton.Core.Tests.Engine.Testing;

/// <summary>
/// The real attempt store, except that the first claim that takes a task commits and then fails as when the
/// connection dropped before its answer arrived: the store counts the attempt as the worker's, the worker never hears of it.
/// </summary>
internal sealed class LostClaimAnswerStore(IAttemptStore inner) : IAttemptStore
{
    private int lost;

    /// <summary>The attempts whose claim's answer was lost.</summary>
    public TaskCompletionSource<IReadOnlyList<Claim>> Lost { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<IReadOnlyList<Claim>> ClaimAsync(string workerId, IReadOnlyCollection<string> labels, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        var claims = await inner.ClaimAsync(workerId, labels, now, leaseUntil, limit, cancellationToken);
        if (claims.Count > 0 && Interlocked.Exchange(ref lost, 1) == 0)
        {
            Lost.SetResult(claims);
            throw new BatonException(ErrorKind.Unavailable, "the database at 127.0.0.1:5432/baton cannot be reached (Connection reset by peer)");
        }

        return claims;
    }

    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default) => inner.NextDueAtAsync(cancellationToken);

    public Task<FinishOutcome> FinishAsync(AttemptFinish finish, CancellationToken cancellationToken = default) => inner.FinishAsync(finish, cancellationToken);

    public Task<IReadOnlyList<AttemptKey>> RenewLeasesAsync(string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        inner.RenewLeasesAsync(workerId, leaseUntil, cancellationToken);

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
