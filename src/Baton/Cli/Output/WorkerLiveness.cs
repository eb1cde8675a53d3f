using Baton.Core.Attempts;
using Baton.Core.Engine;
using Baton.Core.Tasks;

namespace Baton.Cli.Output;

/// <summary>
/// Whether a <c>running</c> task really runs. After its daemon died the store still says <c>running</c> until a daemon
/// rescues the attempt; shown as healthy, that would be a lie. The worker is gone when its process is provably dead on
/// this host (the same check rescue makes) or its lease ran out without being renewed.
/// </summary>
internal static class WorkerLiveness
{
    public const string GoneNote = "worker gone; starts again when a daemon runs";

    public static bool IsGone(TaskRecord task, IReadOnlyList<AttemptRecord> attempts, DateTimeOffset now) =>
        task.Status == TaskState.Running
        && attempts.Count > 0
        && attempts[^1] is { Status: AttemptState.Running } attempt
        && (WorkerIdentity.IsDeadOnThisHost(attempt.WorkerId) || attempt.LeaseExpiresAt < now);
}
