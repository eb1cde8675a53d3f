using Baton.Core.Agents;
using Baton.Core.Errors;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Command;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>
/// Turns a <see cref="TaskRequest"/> into a <see cref="TaskDefinition"/>: resolves the agent (whose settings fill
/// what the request leaves unset), picks the runner, and parses the named values, with messages that name the field.
/// </summary>
/// <param name="resolveAgent">Finds an agent definition by name from a working directory; throws a not-found error naming close matches.</param>
/// <param name="callerDirectory">Where relative working directories start, and the default working directory.</param>
public sealed class TaskRequestBuilder(Func<string, string, AgentDefinition> resolveAgent, string callerDirectory)
{
    /// <summary>Builds the definition; throws invalid input for the first problem.</summary>
    public TaskDefinition Build(TaskRequest request)
    {
        var workingDirectory = Path.GetFullPath(request.WorkingDirectory ?? callerDirectory, callerDirectory);
        var isAgentTask = request.AgentName is not null || request.AgentInstructions is not null;
        var command = request.Command ?? [];
        if (!isAgentTask && command.Count == 0)
        {
            throw BatonException.Invalid("say what to run: agent_name and agent_instructions for an agent, or command for a program");
        }

        if (isAgentTask && command.Count > 0)
        {
            throw BatonException.Invalid("give either agent_name/agent_instructions or command, not both: an agent task runs its agent CLI, not a program");
        }

        if (isAgentTask && string.IsNullOrWhiteSpace(request.AgentInstructions))
        {
            throw BatonException.Invalid($"agent task{(request.Name is null ? string.Empty : $" '{request.Name}'")} needs agent_instructions (the prompt)");
        }

        var priority = TaskPriority.Normal;
        if (request.Priority is not null && !TaskPriorities.TryParse(request.Priority, out priority))
        {
            throw BatonException.Invalid($"priority '{request.Priority}' is not one of {string.Join(", ", TaskPriorities.AllNames)}");
        }

        var backoff = Tasks.RetryBackoff.Exponential;
        if (request.RetryBackoff is not null && !RetryBackoffs.TryParse(request.RetryBackoff, out backoff))
        {
            throw BatonException.Invalid($"retry_backoff '{request.RetryBackoff}' is not one of {string.Join(", ", RetryBackoffs.AllNames)}");
        }

        Interactions.InputTimeoutAction? onInputTimeout = null;
        if (request.OnInputTimeout is not null)
        {
            onInputTimeout = Interactions.InputTimeoutActions.TryParse(request.OnInputTimeout, out var action)
                ? action
                : throw BatonException.Invalid($"on_input_timeout '{request.OnInputTimeout}' is not one of {string.Join(", ", Interactions.InputTimeoutActions.AllNames)}");
        }

        var agent = isAgentTask && request.AgentName is { } agentName ? resolveAgent(agentName, workingDirectory) : null;
        var instructions = isAgentTask ? request.AgentInstructions : null;
        return new TaskDefinition
        {
            Name = request.Name ?? Shorten(isAgentTask ? $"{agent?.Name ?? "agent"}: {instructions}" : string.Join(' ', command)),
            Runner = isAgentTask ? request.Runner ?? agent?.Runner ?? ClaudeRunner.RunnerName : CommandRunner.RunnerName,
            Program = isAgentTask ? null : command[0],
            Arguments = isAgentTask ? [] : [.. command.Skip(1)],
            AgentName = agent?.Name,
            Agent = agent is null ? null : ToSpec(agent),
            Instructions = instructions,
            Model = request.Model,
            Worktree = request.Worktree == true || request.KeepWorktree == true || agent?.Worktree == true,
            KeepWorktree = request.KeepWorktree == true,
            WorkingDirectory = workingDirectory,
            Environment = request.Environment ?? new Dictionary<string, string>(),
            Priority = priority,
            // The agent's own settings apply unless the request gives them.
            TimeoutSeconds = request.TimeoutSeconds ?? agent?.TimeoutSeconds,
            // Left unset, the input timeout is the agent's (kept in its spec), resolved when an interaction opens.
            InputTimeoutSeconds = request.InputTimeoutSeconds,
            OnInputTimeout = onInputTimeout,
            BudgetUsd = request.BudgetUsd,
            MaxRetries = request.MaxRetries ?? agent?.MaxRetries ?? 3,
            RetryBackoff = backoff,
            RetryOnTimeout = request.RetryOnTimeout == true,
            Tags = request.Tags ?? [],
            RequiresLabels = Workers.WorkerLabels.Normalize(request.RequiresLabels ?? []),
            Metadata = request.Metadata ?? new Dictionary<string, string>(),
            RunAt = request.RunAt,
            IdempotencyKey = request.IdempotencyKey,
            DependsOn = request.DependsOn ?? [],
            CreatedBy = request.CreatedBy,
        };
    }

    /// <summary>What the runner needs from the definition, copied into the task.</summary>
    public static AgentSpec ToSpec(AgentDefinition agent) => new()
    {
        Name = agent.Name,
        SystemPrompt = agent.SystemPrompt,
        Tools = agent.Tools,
        DisallowedTools = agent.DisallowedTools,
        Model = agent.Model,
        PermissionMode = agent.PermissionMode,
        MaxTurns = agent.MaxTurns,
        AgentMcp = agent.AgentMcp ? null : false,
        InputTimeoutSeconds = agent.InputTimeoutSeconds,
        OnInputTimeout = agent.OnInputTimeout,
        Environment = agent.Environment,
    };

    private static string Shorten(string text)
    {
        var oneLine = string.Join(' ', text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= 80 ? oneLine : oneLine[..77] + "...";
    }
}
