using Baton.Core.Tasks;

namespace Baton.Core.Runners;

/// <summary>
/// Agent tasks a built-in runner hands part of its work to (the merge hands a conflict to an agent a person named).
/// Each is an ordinary task, seen, costed, logged and cancelled like any other.
/// </summary>
public interface IAgentHelpers
{
    /// <summary>
    /// Queues the agent task once per <see cref="AgentHelpRequest.IdempotencyKey"/> and returns it: asked again (an
    /// attempt that follows one that died), it returns the task queued before.
    /// </summary>
    Task<TaskRecord> StartAsync(AgentHelpRequest request, CancellationToken cancellationToken);

    /// <summary>The task as it is now; null if it is gone.</summary>
    Task<TaskRecord?> GetAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Cancels the task, if it has not ended (the runner that waited on it was stopped).</summary>
    Task CancelAsync(string taskId, CancellationToken cancellationToken);
}

/// <summary>What a built-in runner asks an agent to do.</summary>
/// <param name="Agent">The agent's name, as <c>baton agents</c> lists it.</param>
/// <param name="WorkingDirectory">Where it works.</param>
/// <param name="Name">The task's name.</param>
/// <param name="Instructions">Its prompt.</param>
/// <param name="IdempotencyKey">Makes a second request the same task.</param>
/// <param name="CreatedBy">Who asked for it (the person who answered).</param>
public sealed record AgentHelpRequest(string Agent, string WorkingDirectory, string Name, string Instructions, string IdempotencyKey, string? CreatedBy);
