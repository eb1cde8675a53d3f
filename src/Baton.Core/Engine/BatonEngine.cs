using System.Collections.Concurrent;
using Baton.Core.Attempts;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Engine;

/// <summary>
/// The worker engine: claims due tasks while a slot is free, runs each attempt under supervision, keeps leases,
/// rescues attempts of dead workers, and on shutdown stops its attempts and hands their tasks back to the queue.
/// With a worker registry it is a node: it heartbeats its row at the lease-renewal cadence, claims only tasks whose
/// required labels it has, and while asked to drain claims nothing new but lets its running attempts finish.
/// </summary>
public sealed partial class BatonEngine
{
    private readonly IAttemptStore store;
    private readonly EngineOptions options;
    private readonly DispatchSignal signal;
    private readonly TimeProvider time;
    private readonly ILogger<BatonEngine> logger;
    private readonly AttemptExecutor executor;
    private readonly Runners.RunnerRegistry runners;
    private readonly Rescuer rescuer;
    private readonly ConcurrentDictionary<AttemptKey, AttemptSlot> running = new();
    private readonly ClaimsInFlight claiming = new();
    private readonly WorkerNodeKeeper? node;
    private readonly IReadOnlyList<string> offeredLabels;
    private readonly Lock beatGate = new();
    private TaskCompletionSource beatSoon = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How soon a failed renewal is tried again (never later than the usual interval).</summary>
    private static readonly TimeSpan RenewRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Creates an engine that keeps no row in a worker registry (a benchmark's, an embedder's); call <see cref="RunAsync"/> to start it.</summary>
    public BatonEngine(
        IAttemptStore store,
        Runners.RunnerRegistry runners,
        EngineOptions options,
        DispatchSignal signal,
        TimeProvider time,
        ILogger<BatonEngine> logger)
        : this(store, runners, options, signal, time, logger, WorkerIdentity.ForCurrentProcess())
    {
    }

    /// <summary>
    /// Creates an engine that is a node of <paramref name="workers"/>; call <see cref="RunAsync"/> to start it. A store
    /// shared across machines that keeps logs (<paramref name="logs"/>) gets each attempt's log as it runs. With
    /// <paramref name="interactions"/>, agents may ask people (approvals, questions, plans) and people may steer and
    /// pause them; without, agents run as they were told.
    /// </summary>
    public BatonEngine(
        IAttemptStore store,
        Runners.RunnerRegistry runners,
        EngineOptions options,
        DispatchSignal signal,
        TimeProvider time,
        ILogger<BatonEngine> logger,
        IWorkerStore workers,
        IAttemptLogStore? logs = null,
        IInteractionStore? interactions = null,
        ITaskStore? tasks = null,
        IWorkflowStore? workflows = null)
        : this(store, runners, options, signal, time, logger, WorkerIdentity.ForCurrentProcess(), workers, logs, interactions, tasks, workflows)
    {
    }

    /// <summary>
    /// An engine that works as <paramref name="workerId"/> (tests run two workers in one process); without
    /// <paramref name="workers"/> it keeps no node row.
    /// </summary>
    internal BatonEngine(
        IAttemptStore store,
        Runners.RunnerRegistry runners,
        EngineOptions options,
        DispatchSignal signal,
        TimeProvider time,
        ILogger<BatonEngine> logger,
        string workerId,
        IWorkerStore? workers = null,
        IAttemptLogStore? logs = null,
        IInteractionStore? interactions = null,
        ITaskStore? tasks = null,
        IWorkflowStore? workflows = null)
    {
        options.Validate();
        this.store = store;
        this.runners = runners;
        this.options = options;
        this.signal = signal;
        this.time = time;
        this.logger = logger;
        WorkerId = workerId;
        // Budgets need the tasks' spending and the people's answers; without both, nothing is capped (without the
        // workflows, their budgets are not).
        var budgets = tasks is null || interactions is null ? null : new Costs.BudgetGuard(tasks, interactions, options.Budgets, time, workflows);
        executor = new AttemptExecutor(store, runners, options, time, logger, WorkerId, logs, interactions, budgets);
        rescuer = new Rescuer(store, options, time, logger, WorkerId);
        node = workers is null ? null : new WorkerNodeKeeper(workers, options, time, logger, WorkerId);
        offeredLabels = Baton.Core.Workers.WorkerLabels.Offered(options.Labels);
    }

    /// <summary>This engine's node name (the host name unless set).</summary>
    public string NodeName => options.NodeName;

    /// <summary>Whether the node was asked to drain (it claims nothing new).</summary>
    public bool Draining => node?.Draining == true;

    /// <summary>
    /// Takes the node's name in the worker registry before anything starts, so that a name a live node holds is
    /// refused with a one-line message; <see cref="RunAsync"/> does it itself when not done before.
    /// </summary>
    public Task RegisterAsync(CancellationToken cancellationToken = default) =>
        node?.RegisterAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// Whether this node runs the recurring sweep for lost attempts of other workers now; by default always (one
    /// node). A cluster sets it to "holds the rescue lease" (<see cref="Cluster.ClusterDuty.IsHeld"/>), so that one
    /// node sweeps. The sweep at start-up runs regardless: it rescues this machine's dead workers' attempts at once
    /// (a restarted node's own), and other workers' only once their leases expired, all fenced by the store.
    /// </summary>
    public Func<bool> SweepsForRescue { get; set; } = static () => true;

    /// <summary>
    /// Tells the other nodes of a shared store that this engine's work queued something (a retry, released
    /// dependents, rescued tasks), so that an idle node claims it at once; by default nothing (one node).
    /// </summary>
    public Action AnnounceQueued { get; set; } = static () => { };

    /// <summary>This engine's worker id, recorded on the attempts it runs.</summary>
    public string WorkerId { get; }

    /// <summary>Attempts running now.</summary>
    public int RunningCount => running.Count;

    /// <summary>Slots the running attempts take: all but those of runners that take none.</summary>
    private int SlotsTaken => running.Values.Count(s => s.TakesSlot);

    /// <summary>Runs until <paramref name="stopping"/> fires, then shuts down gracefully.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        LogStarted(logger, WorkerId, options.NodeName, options.Workers, options.Labels.Count == 0 ? "none" : string.Join(", ", options.Labels));
        LogContainment(logger, Processes.ProcessContainment.Current.Description);
        if (node is { IsRegistered: false })
        {
            // A name a live node holds stops the engine here; the host registers before it starts, to say so at once.
            await node.RegisterAsync(stopping);
        }

        await RescueSafelyAsync(stopping);
        using var leaseStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var leases = KeepLeasesAsync(leaseStop.Token);
        try
        {
            await DispatchAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }

        await ShutdownAsync();
        await leaseStop.CancelAsync();
        await leases;
        await StopNodeAsync();
    }

    private async Task StopNodeAsync()
    {
        try
        {
            if (node is not null)
            {
                using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);
                await node.StopAsync(bound.Token);
            }
        }
        catch (Exception ex)
        {
            // Its row then shows it gone once its last beat runs out.
            LogLeaseFailed(logger, ex);
        }
    }

    /// <summary>
    /// Claims while slots are free and work may be due. "May be due" is true after a queued-work signal, once the
    /// next due time or the poll interval passes, and while claims keep succeeding; a freed slot alone does not make
    /// it true, so an engine that keeps up with its producers does not spend a write transaction per task finding
    /// the queue empty.
    /// </summary>
    private async Task DispatchAsync(CancellationToken stopping)
    {
        var mayHaveWork = true;
        var recheckAt = time.GetUtcNow();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (signal.TakeAttention())
                {
                    await CarryOutInstructionsAsync(stopping);
                }

                if (signal.TakeWorkQueued() || time.GetUtcNow() >= recheckAt)
                {
                    mayHaveWork = true;
                    recheckAt = time.GetUtcNow() + options.PollInterval;
                }

                while (mayHaveWork && !Draining && SlotsTaken < options.Workers && !stopping.IsCancellationRequested)
                {
                    var now = time.GetUtcNow();
                    var leaseUntil = now + options.LeaseDuration;
                    // Every free slot in one transaction: after a burst of finishes, one claim fills them all.
                    var free = options.Workers - SlotsTaken;
                    IReadOnlyList<Claim> claims;
                    using (claiming.Begin())
                    {
                        claims = await store.ClaimAsync(WorkerId, offeredLabels, now, leaseUntil, free, stopping);
                        foreach (var claim in claims)
                        {
                            Start(claim, leaseUntil);
                        }
                    }

                    if (claims.Count < free)
                    {
                        mayHaveWork = false;
                        recheckAt = time.GetUtcNow() + await TimeUntilNextDueAsync(stopping);
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A busy or failing store must not kill the engine; try again after the poll interval.
                LogDispatchFailed(logger, ex);
                recheckAt = time.GetUtcNow() + options.PollInterval;
            }

            var wait = recheckAt - time.GetUtcNow();
            await signal.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stopping);
        }
    }

    private async Task<TimeSpan> TimeUntilNextDueAsync(CancellationToken cancellationToken)
    {
        var next = await store.NextDueAtAsync(cancellationToken);
        if (next is null)
        {
            return options.PollInterval;
        }

        var untilDue = next.Value - time.GetUtcNow();
        return untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue < options.PollInterval ? untilDue : options.PollInterval;
    }

    private void Start(Claim claim, DateTimeOffset leaseUntil)
    {
        var slot = new AttemptSlot { TakesSlot = runners.Find(claim.Task.Definition.Runner)?.TakesSlot != false };
        slot.FenceAt(leaseUntil - options.LeaseMargin, time);
        running[claim.Attempt] = slot;
        _ = RunAttemptAsync(claim, slot);
    }

    private async Task RunAttemptAsync(Claim claim, AttemptSlot slot)
    {
        var mayHaveQueued = false;
        try
        {
            mayHaveQueued = await executor.RunAsync(claim, slot);
        }
        finally
        {
            running.TryRemove(claim.Attempt, out _);
            slot.Finished.TrySetResult();
            slot.Dispose();
            if (Draining && running.IsEmpty)
            {
                // Say at once that the node is drained, rather than at its next beat.
                BeatSoon();
            }

            if (mayHaveQueued)
            {
                // A retry's backoff may end before the dispatcher's next planned look at the queue, and an ended task
                // may have released its dependents in the same transaction; other nodes may claim them too.
                signal.NotifyWorkQueued();
                AnnounceQueued();
            }
            else
            {
                signal.Notify();
            }
        }
    }

    /// <summary>
    /// Carries out what people asked of this worker's running attempts: cancels, pauses (a graceful interrupt through the
    /// attempt's conversation, a stop for attempts without one), answers for waiting asks, messages into sessions.
    /// </summary>
    private async Task CarryOutInstructionsAsync(CancellationToken cancellationToken)
    {
        if (running.IsEmpty)
        {
            return;
        }

        foreach (var instructions in await store.FindInstructionsAsync(WorkerId, cancellationToken))
        {
            if (!running.TryGetValue(instructions.Attempt, out var slot))
            {
                continue;
            }

            if (instructions.CancelRequested)
            {
                if (slot.TryStop(StopReason.Cancelled))
                {
                    LogStopping(logger, instructions.Attempt.ToString(), StopReason.Cancelled);
                }

                continue;
            }

            var conversation = slot.Conversation;
            foreach (var answered in instructions.Answers)
            {
                conversation?.Answer(answered);
            }

            foreach (var message in instructions.Messages)
            {
                conversation?.Post(message);
            }

            if (instructions.PauseRequested)
            {
                LogStopping(logger, instructions.Attempt.ToString(), StopReason.Paused);
                if (conversation is not null)
                {
                    conversation.RequestPause();
                }
                else
                {
                    slot.TryStop(StopReason.Paused);
                }
            }
        }
    }

    /// <summary>
    /// Renews the leases of this worker's attempts and rescues other workers' lost ones. Each renewal moves every
    /// held attempt's fence; an attempt the store no longer counts as held stops at once, and one whose renewals keep
    /// failing stops when its fence comes (the store is unreachable: better stopped than run twice).
    /// </summary>
    private async Task KeepLeasesAsync(CancellationToken stopping)
    {
        var wait = options.LeaseRenewInterval;
        var forgetAt = time.GetUtcNow();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                Task soon;
                lock (beatGate)
                {
                    soon = beatSoon.Task;
                }

                await Events.ChangeWaits.WaitAsync(soon, wait, time, stopping);
                lock (beatGate)
                {
                    if (beatSoon.Task.IsCompleted)
                    {
                        beatSoon = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }

                wait = options.LeaseRenewInterval;
                // Only attempts known before the renewal can be judged by it; one claimed meanwhile is not lost.
                var known = running.ToArray();
                var quiet = claiming.Quiet();
                var leaseUntil = time.GetUtcNow() + options.LeaseDuration;
                var held = (await store.RenewLeasesAsync(WorkerId, leaseUntil, stopping)).ToHashSet();
                foreach (var (key, slot) in known)
                {
                    if (held.Contains(key))
                    {
                        slot.FenceAt(leaseUntil - options.LeaseMargin, time);
                    }
                    else if (slot.TryStop(StopReason.LeaseLost))
                    {
                        LogStopping(logger, key.ToString(), StopReason.LeaseLost);
                    }
                }

                if (quiet is { } mark && claiming.QuietSince(mark))
                {
                    await HandBackNotRunningAsync(held, stopping);
                }

                if (node is not null)
                {
                    await BeatAsync(stopping);
                    if (time.GetUtcNow() >= forgetAt)
                    {
                        await node.ForgetLongGoneAsync(stopping);
                        forgetAt = time.GetUtcNow() + TimeSpan.FromHours(1);
                    }
                }

                // Fallback for requests whose wake-up signal was lost.
                await CarryOutInstructionsAsync(stopping);
                // The recurring sweep is once-per-cluster work: only the node that holds the rescue lease sweeps.
                if (SweepsForRescue() && await rescuer.RescueLostAttemptsAsync(stopping) > 0)
                {
                    signal.NotifyWorkQueued();
                    AnnounceQueued();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Try again soon: the fences stop this worker's attempts if the store stays out of reach.
                LogLeaseFailed(logger, ex);
                wait = RenewRetryDelay < options.LeaseRenewInterval ? RenewRetryDelay : options.LeaseRenewInterval;
            }
        }
    }

    /// <summary>
    /// Hands back to the queue the attempts the store counts as this worker's but the engine does not run: a claim that
    /// committed although its answer was lost (never started), or an attempt whose end could not be recorded within its
    /// lease (its process gone). No process of theirs runs, so the task may run again at once; renewed with the others,
    /// they would otherwise stay running for as long as this worker lives. The write is a rescue's, so an attempt that
    /// ended meanwhile is left as it is.
    /// </summary>
    private async Task HandBackNotRunningAsync(IReadOnlyCollection<AttemptKey> held, CancellationToken cancellationToken)
    {
        foreach (var key in held)
        {
            if (running.ContainsKey(key))
            {
                continue;
            }

            // The same write as a rescue of a dead worker's attempt, fenced by this worker and by the attempt still running.
            var rescue = new AttemptRescue
            {
                Attempt = key,
                WorkerId = WorkerId,
                Now = time.GetUtcNow(),
                Reason = "interrupted: its worker no longer ran it (the answer to its claim or to its end was lost)",
                TaskStatus = TaskState.Pending,
            };
            if (await store.RescueAsync(rescue, cancellationToken))
            {
                LogHandedBack(logger, key.ToString());
                signal.NotifyWorkQueued();
                AnnounceQueued();
            }
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        if (await node!.BeatAsync(running.Count, cancellationToken))
        {
            if (node.Draining)
            {
                if (running.IsEmpty)
                {
                    BeatSoon();
                }
            }
            else
            {
                // Resumed: the queue may hold work it left alone while draining.
                signal.NotifyWorkQueued();
            }
        }
    }

    private void BeatSoon()
    {
        lock (beatGate)
        {
            beatSoon.TrySetResult();
        }
    }

    private async Task RescueSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await rescuer.RescueLostAttemptsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLeaseFailed(logger, ex);
        }
    }

    private async Task ShutdownAsync()
    {
        var slots = running.Values.ToArray();
        foreach (var slot in slots)
        {
            slot.TryStop(StopReason.Shutdown);
        }

        // Bounded: each attempt gets the grace period to exit, plus time to record its end.
        var all = Task.WhenAll(slots.Select(s => s.Finished.Task));
        await Task.WhenAny(all, Task.Delay(options.StopGracePeriod + TimeSpan.FromSeconds(10), time));
        LogStopped(logger, slots.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine started as worker {WorkerId} (node {Node}) with {Workers} slots and labels {Labels}")]
    private static partial void LogStarted(ILogger logger, string workerId, string node, int workers, string labels);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempts are contained by {Containment}")]
    private static partial void LogContainment(ILogger logger, string containment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine stopped; {Count} running attempts were handed back to the queue")]
    private static partial void LogStopped(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping attempt {Attempt}: {Reason}")]
    private static partial void LogStopping(ILogger logger, string attempt, StopReason reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatch failed; retrying after the poll interval")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} is this worker's in the store but runs nowhere (the answer to its claim or to its end was lost); its task is back in the queue")]
    private static partial void LogHandedBack(ILogger logger, string attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lease renewal or rescue failed; retrying at the next interval")]
    private static partial void LogLeaseFailed(ILogger logger, Exception exception);
}
