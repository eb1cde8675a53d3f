using Baton.Core.Runners;
using Baton.Core.Tasks;

namespace Baton.Core.Tests.Runners.Merge;

/// <summary>
/// The task system as the merge runner sees it, with an "agent" that is the test's own code run against the real
/// worktree when its task is first looked at (the real agent task is tested end to end with Claude Code).
/// </summary>
internal sealed class WorktreeAgentHelpers(Func<AgentHelpRequest, TaskState> agent) : IAgentHelpers
{
    private readonly Dictionary<string, TaskRecord> byKey = new(StringComparer.Ordinal);

    /// <summary>Every request, in order (a repeated key included).</summary>
    public List<AgentHelpRequest> Requests { get; } = [];

    public Task<TaskRecord> StartAsync(AgentHelpRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        if (!byKey.TryGetValue(request.IdempotencyKey, out var task))
        {
            task = new TaskRecord
            {
                Id = TaskIds.New(),
                Definition = new TaskDefinition { Name = request.Name, Runner = "claude", AgentName = request.Agent, Instructions = request.Instructions, WorkingDirectory = request.WorkingDirectory },
                Status = TaskState.Pending,
                CreatedAt = DateTimeOffset.UnixEpoch,
                UpdatedAt = DateTimeOffset.UnixEpoch,
                DueAt = DateTimeOffset.UnixEpoch,
            };
            byKey[request.IdempotencyKey] = task;
        }

        return Task.FromResult(task);
    }

    public Task<TaskRecord?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        var (key, task) = byKey.FirstOrDefault(p => p.Value.Id == taskId);
        if (task is { Status: TaskState.Pending })
        {
            var request = Requests.Last(r => r.IdempotencyKey == key);
            task = byKey[key] = task with { Status = agent(request), Error = null };
        }

        return Task.FromResult<TaskRecord?>(task);
    }

    public Task CancelAsync(string taskId, CancellationToken cancellationToken) => Task.CompletedTask;
}
