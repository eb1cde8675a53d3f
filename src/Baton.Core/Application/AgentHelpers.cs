using Baton.Core.Agents;
using Baton.Core.Errors;
using Baton.Core.Runners;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>
/// The agent tasks built-in runners hand work to, queued through <see cref="TaskService"/> like any task (validated,
/// stored, announced), once per idempotency key.
/// </summary>
/// <param name="tasks">Queues, reads and cancels tasks.</param>
/// <param name="resolveAgent">Finds an agent definition by name from a working directory; throws not found naming close matches.</param>
public sealed class AgentHelpers(TaskService tasks, Func<string, string, AgentDefinition> resolveAgent) : IAgentHelpers
{
    /// <summary>A tag on every such task, so they can be listed (<c>baton task list --tag helper</c>).</summary>
    public const string Tag = "helper";

    /// <inheritdoc />
    public async Task<TaskRecord> StartAsync(AgentHelpRequest request, CancellationToken cancellationToken)
    {
        var agent = resolveAgent(request.Agent, request.WorkingDirectory);
        var definition = new TaskDefinition
        {
            Name = request.Name.Length <= 80 ? request.Name : request.Name[..77] + "...",
            Runner = agent.Runner,
            AgentName = agent.Name,
            Agent = TaskRequestBuilder.ToSpec(agent),
            Instructions = request.Instructions,
            WorkingDirectory = request.WorkingDirectory,
            TimeoutSeconds = agent.TimeoutSeconds,
            MaxRetries = agent.MaxRetries ?? 3,
            Tags = [Tag],
            IdempotencyKey = request.IdempotencyKey,
            CreatedBy = request.CreatedBy,
        };
        return (await tasks.EnqueueAsync(definition, null, cancellationToken)).Task;
    }

    /// <inheritdoc />
    public async Task<TaskRecord?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        try
        {
            return (await tasks.GetAsync(taskId, cancellationToken)).Task;
        }
        catch (BatonException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task CancelAsync(string taskId, CancellationToken cancellationToken)
    {
        try
        {
            await tasks.CancelAsync(taskId, cancellationToken);
        }
        catch (BatonException ex) when (ex.Kind is ErrorKind.NotFound or ErrorKind.Conflict)
        {
            // Gone, or ended already: nothing to stop.
        }
    }
}
