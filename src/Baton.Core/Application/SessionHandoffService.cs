using Baton.Core.Agents;
using Baton.Core.Errors;
using Baton.Core.Runners.Command;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>
/// Work that moves from one agent session to another: a fork (a new task on a copy of a finished task's session) and
/// a handoff (a new task, for any agent, that starts from the finished task's latest capsule). Every front end calls
/// this, so the rules and messages are the same everywhere.
/// </summary>
/// <param name="tasks">Resolves, reads and queues tasks.</param>
/// <param name="resolveAgent">Finds an agent definition by name from a working directory; throws not found naming close matches.</param>
/// <param name="capsules">Saved capsules; without them every handoff first asks the source's session for one.</param>
public sealed class SessionHandoffService(TaskService tasks, Func<string, string, AgentDefinition> resolveAgent, ICapsuleStore? capsules = null)
{
    /// <summary>The bound on the one turn that asks a session for its capsule: time, money, and no retries.</summary>
    public const int CapsuleRequestTimeoutSeconds = 300;

    /// <inheritdoc cref="CapsuleRequestTimeoutSeconds"/>
    public const decimal CapsuleRequestBudgetUsd = 0.50m;

    /// <summary>Queues a new task on a copy of a finished agent task's session, with the same runner, agent and directory.</summary>
    public async Task<TaskRecord> ForkAsync(string idOrPrefix, TaskForkRequest request, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw BatonException.Invalid("a fork needs a prompt: what the copy of the session is asked to do (--prompt)");
        }

        var source = await FinishedAgentTaskAsync(idOrPrefix, "fork", cancellationToken);
        var d = source.Definition;
        var definition = Successor(d) with
        {
            Name = request.Name ?? Shorten($"fork of {d.Name}"),
            Instructions = request.Prompt,
            Model = request.Model ?? d.Model,
            TimeoutSeconds = request.TimeoutSeconds ?? d.TimeoutSeconds,
            BudgetUsd = request.BudgetUsd ?? d.BudgetUsd,
            MaxRetries = request.MaxRetries ?? d.MaxRetries,
            Session = new SessionSource(source.Id, SessionUse.Fork),
            CreatedBy = request.CreatedBy,
        };
        return (await tasks.EnqueueAsync(definition, null, cancellationToken)).Task;
    }

    /// <summary>
    /// Hands a finished agent task's work to <paramref name="agent"/> in a new session. With a saved capsule, the new
    /// task's prompt starts with it; without one, a bounded turn of the source's session is asked to save one first,
    /// and the new task waits for it and receives the capsule with its upstream context.
    /// </summary>
    public async Task<HandoffResult> HandoffAsync(string idOrPrefix, string agent, string? prompt, string? createdBy, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(agent))
        {
            throw BatonException.Invalid("say which agent takes the work over (--to AGENT; 'baton agents' lists them)");
        }

        var source = await FinishedAgentTaskAsync(idOrPrefix, "hand off", cancellationToken);
        var d = source.Definition;
        var receiving = resolveAgent(agent, d.WorkingDirectory);
        var saved = await LatestCapsuleAsync(source.Id, cancellationToken);
        if (saved is not null)
        {
            return new HandoffResult(source.Id, await EnqueueAsync(source, receiving, HandoffPrompts.WithCapsule(saved, prompt ?? HandoffPrompts.Default), null, createdBy, cancellationToken), null);
        }

        var request = await RequestCapsuleAsync(source, createdBy, cancellationToken);
        if (!request.Status.IsTerminal())
        {
            // The new task waits for the request and receives its capsule with its upstream context.
            return new HandoffResult(source.Id, await EnqueueAsync(source, receiving, prompt ?? HandoffPrompts.DefaultBeforeUpstream, request, createdBy, cancellationToken), request);
        }

        // An earlier handoff asked already. What it brought is used; if it brought nothing (it failed, timed out, or the
        // session would not save), asking again would end the same way: the work goes over with the source's result.
        if (await LatestCapsuleAsync(request.Id, cancellationToken) is { } brought)
        {
            return new HandoffResult(source.Id, await EnqueueAsync(source, receiving, HandoffPrompts.WithCapsule(brought, prompt ?? HandoffPrompts.Default), null, createdBy, cancellationToken), null);
        }

        var instructions = HandoffPrompts.WithResult(source, request, prompt ?? HandoffPrompts.Default);
        return new HandoffResult(source.Id, await EnqueueAsync(source, receiving, instructions, null, createdBy, cancellationToken), request, WithoutCapsule: true);
    }

    private async Task<CapsuleRecord?> LatestCapsuleAsync(string taskId, CancellationToken cancellationToken) =>
        capsules is null ? null : await capsules.LatestForTaskAsync(taskId, cancellationToken);

    /// <summary>Queues the task that takes the work over, after <paramref name="request"/> when there is one.</summary>
    private async Task<TaskRecord> EnqueueAsync(
        TaskRecord source, AgentDefinition receiving, string instructions, TaskRecord? request, string? createdBy, CancellationToken cancellationToken)
    {
        var d = source.Definition;

        var handoff = new TaskDefinition
        {
            Name = Shorten($"{receiving.Name}: handoff of {d.Name}"),
            Runner = receiving.Runner,
            AgentName = receiving.Name,
            Agent = TaskRequestBuilder.ToSpec(receiving),
            Instructions = instructions,
            WorkingDirectory = d.WorkingDirectory,
            Worktree = d.Worktree,
            KeepWorktree = d.KeepWorktree,
            WorktreeBranch = d.WorktreeBranch,
            WorktreeBase = d.WorktreeBase,
            Environment = d.Environment,
            Priority = d.Priority,
            TimeoutSeconds = receiving.TimeoutSeconds,
            MaxRetries = receiving.MaxRetries ?? 3,
            Tags = d.Tags,
            RequiresLabels = d.RequiresLabels,
            DependsOn = request is null ? [] : [request.Id],
            CreatedBy = createdBy,
        };
        return (await tasks.EnqueueAsync(handoff, null, cancellationToken)).Task;
    }

    /// <summary>
    /// One turn of the source's own session, told only to save its capsule, bounded in time and money; once per source
    /// (its idempotency key), so a second handoff finds the first one's request and how it ended.
    /// </summary>
    private async Task<TaskRecord> RequestCapsuleAsync(TaskRecord source, string? createdBy, CancellationToken cancellationToken)
    {
        var definition = Successor(source.Definition) with
        {
            Name = Shorten($"capsule of {source.Definition.Name}"),
            Instructions = HandoffPrompts.SaveCapsule,
            Session = new SessionSource(source.Id, SessionUse.Continue),
            TimeoutSeconds = CapsuleRequestTimeoutSeconds,
            BudgetUsd = CapsuleRequestBudgetUsd,
            MaxRetries = 0,
            IdempotencyKey = CapsuleRequestKey(source.Id),
            CreatedBy = createdBy,
        };
        return (await tasks.EnqueueAsync(definition, null, cancellationToken)).Task;
    }

    /// <summary>The source task, which must be an agent task that has ended.</summary>
    private async Task<TaskRecord> FinishedAgentTaskAsync(string idOrPrefix, string verb, CancellationToken cancellationToken)
    {
        var source = (await tasks.GetAsync(idOrPrefix, cancellationToken)).Task;
        if (source.Definition.Runner == CommandRunner.RunnerName)
        {
            throw BatonException.Invalid($"task {source.Id} runs a command, not an agent; there is no agent session to {verb}");
        }

        if (!source.Status.IsTerminal())
        {
            throw BatonException.Conflict(
                $"task {source.Id} is {source.Status.ToWire()}; only a finished task (completed, failed, cancelled or timed out) can be {(verb == "fork" ? "forked" : "handed off")}: 'baton task wait {source.Id}' first");
        }

        return source;
    }

    /// <summary>A new task in the same place with the same agent as <paramref name="d"/>, outside any workflow or schedule.</summary>
    private static TaskDefinition Successor(TaskDefinition d) => d with
    {
        DependsOn = [],
        WorkflowId = null,
        PhaseId = null,
        IdempotencyKey = null,
        RunAt = null,
        Session = null,
    };

    /// <summary>The idempotency key of the request for a capsule of <paramref name="sourceId"/>.</summary>
    public static string CapsuleRequestKey(string sourceId) => $"capsule-request:{sourceId}";

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
