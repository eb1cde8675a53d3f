using Baton.Core.Attempts;
using Baton.Core.Runners.Agents;
using Baton.Core.Storage;

namespace Baton.Core.Tests.Engine.Testing;

/// <summary>
/// The real attempt store passed through unchanged: a test's store derives from it and overrides only the call whose
/// failure or timing it stages.
/// </summary>
internal abstract class DelegatingAttemptStore(IAttemptStore inner) : IAttemptStore
{
    public virtual Task<IReadOnlyList<Claim>> ClaimAsync(string workerId, IReadOnlyCollection<string> labels, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default) =>
        inner.ClaimAsync(workerId, labels, now, leaseUntil, limit, cancellationToken);

    public virtual Task<DateTimeOffset?> NextDueAtAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default) => inner.NextDueAtAsync(labels, cancellationToken);

    public virtual Task<FinishOutcome> FinishAsync(AttemptFinish finish, CancellationToken cancellationToken = default) => inner.FinishAsync(finish, cancellationToken);

    public virtual Task<IReadOnlyList<AttemptKey>> RenewLeasesAsync(string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        inner.RenewLeasesAsync(workerId, leaseUntil, cancellationToken);

    public virtual Task<bool> RecordProcessAsync(AttemptKey attempt, string workerId, ProcessIdentity process, string logPath, CancellationToken cancellationToken = default) =>
        inner.RecordProcessAsync(attempt, workerId, process, logPath, cancellationToken);

    public virtual Task<bool> RecordProgressAsync(AttemptKey attempt, string workerId, AgentProgress progress, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.RecordProgressAsync(attempt, workerId, progress, now, cancellationToken);

    public virtual Task<bool> RecordReportAsync(AttemptKey attempt, AgentReport report, CancellationToken cancellationToken = default) =>
        inner.RecordReportAsync(attempt, report, cancellationToken);

    public virtual Task<IReadOnlyList<AttemptInstructions>> FindInstructionsAsync(string workerId, CancellationToken cancellationToken = default) =>
        inner.FindInstructionsAsync(workerId, cancellationToken);

    public virtual Task<IReadOnlyList<RunningAttempt>> FindOtherRunningAttemptsAsync(string workerId, CancellationToken cancellationToken = default) =>
        inner.FindOtherRunningAttemptsAsync(workerId, cancellationToken);

    public virtual Task<bool> RescueAsync(AttemptRescue rescue, CancellationToken cancellationToken = default) => inner.RescueAsync(rescue, cancellationToken);
}
