using System.Collections.Concurrent;
using Baton.Core.Attempts;
using Baton.Core.Storage;
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
    private readonly Dispatcher dispatcher;
    private readonly InstructionCarrier instructions;
    private readonly LeaseKeeper leases;

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
        instructions = new InstructionCarrier(store, WorkerId, running, logger);
        // The hooks are read when used: the host sets them after construction.
        leases = new LeaseKeeper(
            store, options, time, logger, WorkerId, running, claiming, node, rescuer, instructions, signal, () => SweepsForRescue(), () => AnnounceQueued());
        dispatcher = new Dispatcher(store, options, signal, time, logger, WorkerId, instructions, claiming, () => SlotsTaken, () => Draining, Start, leases.BeatSoon);
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

        await leases.RescueAtStartAsync(stopping);
        using var leaseStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var keeping = leases.RunAsync(leaseStop.Token);
        try
        {
            await dispatcher.RunAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }

        await ShutdownAsync();
        await leaseStop.CancelAsync();
        await keeping;
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
            LogNodeStopFailed(logger, ex);
        }
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
                leases.BeatSoon();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record that this node stopped; it shows as gone once its last heartbeat runs out")]
    private static partial void LogNodeStopFailed(ILogger logger, Exception exception);
}
