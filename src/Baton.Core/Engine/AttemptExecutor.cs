using System.Diagnostics;
using Baton.Core.Attempts;
using Baton.Core.Errors;
using Baton.Core.Tasks;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Command;
using Baton.Core.Worktrees;
using Baton.Core.Logs;
using Baton.Core.Runners;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Engine;

/// <summary>Runs one claimed attempt: log, runner, timeout, and the fenced write of its end.</summary>
internal sealed partial class AttemptExecutor(
    IAttemptStore store,
    RunnerRegistry runners,
    EngineOptions options,
    TimeProvider time,
    ILogger logger,
    string workerId,
    IAttemptLogStore? logs = null,
    IInteractionStore? interactions = null,
    Costs.BudgetGuard? budgets = null)
{
    /// <summary>How long to wait before trying again to record an end the store refused (busy, locked).</summary>
    private static readonly Retry.Backoff StoreBusyBackoff = Retry.Backoff.Exponential(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), fullJitter: false);

    private readonly GitWorktrees worktrees = new(options.WorktreeDirectory);
    private readonly ProcessRecorder processes = new(store, time, logger, workerId);

    /// <summary>Source of the engine's traces; benchmarks and metrics listen to its events.</summary>
    public static readonly ActivitySource Activities = new(Telemetry.AttemptTelemetry.SourceName);

    /// <summary>
    /// Runs the attempt and records its end; returns true if that may have queued work: the task went back to the
    /// queue, or its end moved the tasks that depend on it (some may be ready to run).
    /// </summary>
    public async Task<bool> RunAsync(Claim claim, AttemptSlot slot)
    {
        var key = claim.Attempt;
        var definition = claim.Task.Definition;
        var logPath = Path.Combine(options.LogDirectory, key.TaskId, $"{key.Number}.log");
        // Only when someone listens (metrics, traces) is the workflow's trace worked out.
        using var activity = Activities.HasListeners()
            ? Activities.StartActivity(Telemetry.AttemptTelemetry.ActivityName, ActivityKind.Internal, Telemetry.TraceParents.For(key.TaskId, definition))
            : null;
        activity?.SetTag("baton.task_id", key.TaskId).SetTag("baton.attempt", key.Number).SetTag("baton.runner", definition.Runner)
            .SetTag("gen_ai.agent.name", definition.AgentName).SetTag("gen_ai.request.model", definition.Model);
        if (activity is not null && definition.Runner != CommandRunner.RunnerName)
        {
            // OpenTelemetry's GenAI conventions: an agent run is invoke_agent, named after the agent.
            activity.DisplayName = $"invoke_agent {definition.AgentName ?? definition.Runner}";
            activity.SetTag("gen_ai.operation.name", "invoke_agent").SetTag("gen_ai.system", definition.Runner);
        }

        AttemptOutcome outcome;
        LogShipper? shipper = null;
        try
        {
            using var log = AttemptLog.Create(logPath, options.LogCapBytes, options.ResultTailBytes);
            shipper = LogShipper.Start(logs, key, logPath, time, logger);
            if (definition.TimeoutSeconds is { } seconds)
            {
                slot.StopAfter(TimeSpan.FromSeconds(seconds), time);
            }

            outcome = await RunInWorkspaceAsync(claim, slot, log, logPath, activity);
            if (slot.Reason is StopReason.Paused or StopReason.InputTimeout && slot.StopNote is { } note)
            {
                // The runner only saw its process stopped; the engine knows why.
                outcome = outcome with { Error = note };
            }

            if (log.WriteFailure is { } failure)
            {
                // The process was stopped because its output could not be kept; say so rather than "signal 15".
                LogLogWriteFailed(logger, key.ToString(), failure);
                outcome = outcome with { Succeeded = false, Result = null, Error = failure, Retryable = true };
            }

            var stopped = slot.Seal();
            if (stopped != StopReason.None)
            {
                log.WriteNotice($"attempt stopped: {Describe(stopped)}");
            }
        }
        catch (Exception ex)
        {
            LogAttemptCrashed(logger, key.ToString(), ex);
            outcome = AttemptOutcome.Failure($"Baton could not run the attempt: {ex.Message}");
        }

        if (shipper is not null)
        {
            // The whole log is in the shared store before the end is: a reader that sees the end has all of it.
            await shipper.FinishAsync();
        }

        activity?.AddEvent(new ActivityEvent("attempt.ended"));
        var finish = AttemptResolution.Decide(claim, workerId, outcome, slot.Seal(), time.GetUtcNow(), options.Retry, Random.Shared.NextDouble())
            with { LogPath = logPath, Details = outcome.Details };
        var recorded = await FinishAsync(finish);
        if (activity is not null && recorded != FinishOutcome.Rejected)
        {
            // Observers (metrics) read it when the activity stops; a rejected end was another worker's to record.
            activity.SetTag("baton.attempt.status", finish.AttemptStatus.ToWire()).SetTag("baton.task.status", finish.TaskStatus.ToWire());
            Telemetry.AttemptSpans.Describe(activity, finish.AttemptStatus, outcome);
            activity.SetCustomProperty(Telemetry.AttemptTelemetry.Property, new Telemetry.AttemptTelemetry(claim.Task, key.Number, finish.AttemptStatus, finish.TaskStatus, outcome.Details));
        }

        if (recorded == FinishOutcome.Rejected)
        {
            LogResultRejected(logger, key.ToString());
            return false;
        }

        if (definition.Worktree && !definition.KeepWorktree && definition.WorktreeBranch is null && finish.TaskStatus.IsTerminal())
        {
            // The branch keeps the work; a follow-up re-creates the worktree from it.
            await worktrees.RemoveAsync(key.TaskId);
        }

        return finish.TaskStatus is TaskState.Pending or TaskState.Retrying || recorded == FinishOutcome.RecordedAndAdvanced;
    }

    /// <summary>Runs the attempt where the task works: its directory, or its own git worktree.</summary>
    private async Task<AttemptOutcome> RunInWorkspaceAsync(Claim claim, AttemptSlot slot, AttemptLog log, string logPath, Activity? activity)
    {
        var definition = claim.Task.Definition;
        if (!definition.Worktree)
        {
            return await RunRunnerAsync(claim, slot, log, logPath, activity);
        }

        var branch = GitWorktrees.BranchFor(claim.Task.Id, definition);
        string path;
        try
        {
            // A named branch is shared by the tasks of a stream, one after another; it outlives each of them.
            path = definition.WorktreeBranch is null
                ? await worktrees.EnsureAsync(definition.WorkingDirectory, claim.Task.Id, branch, slot.Token)
                : await worktrees.EnsureNamedAsync(definition.WorkingDirectory, branch, definition.WorktreeBase, slot.Token);
        }
        catch (BatonException ex)
        {
            log.WriteNotice(ex.Message);
            return AttemptOutcome.Failure(ex.Message, retryable: ex.Kind != ErrorKind.InvalidInput);
        }

        log.WriteNotice($"working in worktree {path} on branch {branch}");
        var inWorktree = claim with { Task = claim.Task with { Definition = definition with { WorkingDirectory = path } } };
        return await RunRunnerAsync(inWorktree, slot, log, logPath, activity);
    }

    private async Task<AttemptOutcome> RunRunnerAsync(Claim claim, AttemptSlot slot, AttemptLog log, string logPath, Activity? activity)
    {
        var runner = runners.Find(claim.Task.Definition.Runner);
        if (runner is null)
        {
            var error = $"unknown runner '{claim.Task.Definition.Runner}'; this daemon knows: {string.Join(", ", runners.Names)}";
            log.WriteNotice(error);
            return AttemptOutcome.Failure(error, retryable: false);
        }

        var conversation = claim.Task.Definition.Runner == CommandRunner.RunnerName || interactions is null
            ? null
            : new AttemptConversation(interactions, claim.Task, claim.Attempt, workerId, slot, options.StopGracePeriod, time, logger);
        slot.Conversation = conversation;
        try
        {
            return await RunWithConversationAsync(claim, slot, log, logPath, activity, runner, conversation);
        }
        finally
        {
            slot.Conversation = null;
            conversation?.Dispose();
        }
    }

    private async Task<AttemptOutcome> RunWithConversationAsync(
        Claim claim, AttemptSlot slot, AttemptLog log, string logPath, Activity? activity, IRunner runner, AttemptConversation? conversation)
    {
        Costs.BudgetWatch? watch = null;
        if (budgets is not null && conversation is not null)
        {
            var approval = await budgets.ApproveAsync(claim.Task, conversation, log.WriteNotice, slot.Token);
            if (!approval.Run)
            {
                // A person declined to spend more: the task ends cancelled, like a cancel from any interface.
                slot.TryStop(StopReason.Cancelled);
                return AttemptOutcome.Failure("cancelled: the budget was not raised", retryable: false);
            }

            if (approval.RemainingUsd is { } remaining)
            {
                watch = new Costs.BudgetWatch(remaining, options.Prices, () =>
                {
                    log.WriteNotice($"budget: the attempt has spent what was left (${remaining:0.00}); stopping it");
                    slot.TryStop(StopReason.Budget);
                });
            }
        }

        using var tools = Telemetry.ToolCallSpans.For(activity);
        var session = SessionChoice.For(claim);
        var reporter = new ProgressReporter(store, claim.Attempt, workerId, time, logger);
        var context = new AttemptContext(
            claim.Task,
            claim.Attempt,
            log,
            options.StopGracePeriod,
            time,
            async process =>
            {
                activity?.AddEvent(new ActivityEvent("process.started"));
                await processes.RecordAsync(claim.Attempt, process, logPath, slot);
            },
            watch is null ? reporter.Report : progress =>
            {
                reporter.Report(progress);
                watch.Observe(progress);
            },
            session.SessionId,
            session.Prompt,
            session.From?.CostUsd,
            conversation,
            session.From?.UsageBefore,
            tools,
            session.Fork);
        if (claim.Task.Definition.Runner == CommandRunner.RunnerName)
        {
            return await runner.RunAsync(context, slot.Token);
        }

        // For agents: what they changed in a git working directory. The snapshot is taken before the CLI starts, so
        // that files already dirty or untracked then are told apart from the agent's own changes.
        var git = await GitWorkspace.SnapshotAsync(claim.Task.Definition.WorkingDirectory, CancellationToken.None);
        var outcome = await runner.RunAsync(context, slot.Token);
        if (outcome.Details is { } reported)
        {
            // Codex and Gemini report tokens but no cost: Baton estimates it, and says so wherever it is shown.
            outcome = outcome with { Details = Costs.CostEstimates.Apply(reported, options.Prices) };
        }

        if (watch is { Stopped: true })
        {
            outcome = outcome with { Details = watch.Account(outcome.Details) };
        }

        return git is null || outcome.Details is null
            ? outcome
            : outcome with { Details = await git.AddChangesAsync(outcome.Details) };
    }

    /// <summary>Records the end, retrying while the store is busy; the lease bounds how long that may go on.</summary>
    private async Task<FinishOutcome> FinishAsync(AttemptFinish finish)
    {
        var deadline = time.GetUtcNow() + options.LeaseDuration;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store.FinishAsync(finish);
            }
            catch (Exception ex) when (time.GetUtcNow() < deadline)
            {
                LogFinishRetry(logger, finish.Attempt.ToString(), ex);
                await Task.Delay(StoreBusyBackoff.DelayFor(attempt) ?? TimeSpan.Zero, time);
            }
        }
    }

    private static string Describe(StopReason reason) => reason switch
    {
        StopReason.Timeout => "the task's timeout passed",
        StopReason.Cancelled => "the task was cancelled",
        StopReason.Shutdown => "the daemon is shutting down; the task will run again",
        StopReason.Budget => "the budget is used up; the next attempt asks a person first",
        _ => "this worker lost the attempt's lease",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt {Attempt} failed inside Baton")]
    private static partial void LogAttemptCrashed(ILogger logger, string attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt {Attempt} failed: {Failure}")]
    private static partial void LogLogWriteFailed(ILogger logger, string attempt, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Result of attempt {Attempt} was rejected: the attempt no longer holds its lease")]
    private static partial void LogResultRejected(ILogger logger, string attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the end of attempt {Attempt} failed; retrying")]
    private static partial void LogFinishRetry(ILogger logger, string attempt, Exception exception);
}
