using Baton.Core.Sessions;

namespace Baton.Core.Storage;

/// <summary>Context capsules saved by agents. Capsules are never changed: a newer one supersedes the older.</summary>
public interface ICapsuleStore
{
    /// <summary>Stores a capsule (already checked against <see cref="CapsuleRules"/>) and logs <c>context.saved</c> with it.</summary>
    Task SaveAsync(CapsuleRecord capsule, CancellationToken cancellationToken = default);

    /// <summary>The newest capsule saved in a task, or null.</summary>
    Task<CapsuleRecord?> LatestForTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>The newest capsule saved in an agent session, whichever task saved it, or null.</summary>
    Task<CapsuleRecord?> LatestForSessionAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>The newest capsule of each task of a workflow that saved one, newest first.</summary>
    Task<IReadOnlyList<CapsuleRecord>> LatestForWorkflowAsync(string workflowId, CancellationToken cancellationToken = default);

    /// <summary>A task's capsules, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<CapsuleRecord>> ListForTaskAsync(string taskId, int limit, CancellationToken cancellationToken = default);
}
