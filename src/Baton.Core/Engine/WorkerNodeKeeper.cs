using System.Reflection;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Workers;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Engine;

/// <summary>
/// Keeps an engine's row in the worker registry: takes the node's name at start (refusing a name a live node holds),
/// heartbeats with the running count at the lease-renewal cadence, learns from each beat whether the node is asked
/// to drain, says once that a draining node has nothing left running, and marks the node stopped at shutdown.
/// </summary>
internal sealed partial class WorkerNodeKeeper(IWorkerStore store, EngineOptions options, TimeProvider time, ILogger logger, string workerId)
{
    private static readonly string Version =
        typeof(WorkerNodeKeeper).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>The longest a starting node waits out an earlier holder of its name on this host; longer refuses at once.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(10);

    /// <summary>Past the holder's last vouched time, so that the store's "gone" compare holds when the node asks again.</summary>
    private static readonly TimeSpan WaitMargin = TimeSpan.FromMilliseconds(100);

    private readonly TimeSpan goneAfter = WorkerNodeLiveness.GoneAfter(options.LeaseRenewInterval);
    private DateTimeOffset startedAt;
    private bool registered;

    /// <summary>The node's name.</summary>
    public string Name => options.NodeName;

    /// <summary>Whether this process holds the node's name.</summary>
    public bool IsRegistered => registered;

    /// <summary>Whether the last beat said the node is to drain.</summary>
    public bool Draining { get; private set; }

    /// <summary>
    /// Takes the node's name at start; throws a conflict naming the live node that holds it. A holder of this host
    /// name from another boot or pid namespace is waited out, once, until its last beat runs out (see below).
    /// </summary>
    public Task RegisterAsync(CancellationToken cancellationToken = default) => RegisterAsync(waitOutEarlierSelf: true, cancellationToken);

    private async Task RegisterAsync(bool waitOutEarlierSelf, CancellationToken cancellationToken)
    {
        var holder = await TryRegisterAsync(cancellationToken);
        if (holder is not null && WorkerIdentity.IsDeadOnThisHost(holder.WorkerId))
        {
            // This machine's previous process of the node died without stopping (kill -9, power loss): its row still
            // looks live, but its process is certainly gone, so the restarted node need not wait for it to expire.
            await store.StopAsync(holder.Name, holder.WorkerId, time.GetUtcNow(), cancellationToken);
            holder = await TryRegisterAsync(cancellationToken);
        }
        else if (waitOutEarlierSelf && holder is not null && WorkerIdentity.IsOfThisHostElsewhere(holder.WorkerId)
            && holder.LiveUntil - time.GetUtcNow() is var left && left <= LongestWait)
        {
            // Most likely this very node before a reboot or a container restart, whose process cannot be judged from
            // here (another boot or pid namespace): rather than refuse to start, wait until its last beat runs out,
            // then take the name. A holder that beats meanwhile is alive (another machine or container with this
            // host name), and the conflict stands.
            LogWaitingOut(logger, Name, holder.WorkerId, holder.HeartbeatAt, holder.LiveUntil);
            // Its beat may have run out since the store judged it (a slow round trip): then only the margin is left.
            await Task.Delay((left > TimeSpan.Zero ? left : TimeSpan.Zero) + WaitMargin, time, cancellationToken);
            holder = await TryRegisterAsync(cancellationToken);
        }

        if (holder is not null)
        {
            throw BatonException.Conflict(
                $"another live worker is named '{Name}' (on {holder.Host}, last heartbeat {holder.HeartbeatAt:u}); give this one another name with --name or BATON_WORKER_NAME, or stop that one");
        }

        registered = true;
        Draining = false;
    }

    private Task<WorkerNode?> TryRegisterAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        startedAt = registered ? startedAt : now;
        return store.RegisterAsync(
            new WorkerNode
            {
                Name = Name,
                WorkerId = workerId,
                Host = Environment.MachineName,
                Version = Version,
                Slots = options.Workers,
                Labels = WorkerLabels.Normalize(options.Labels),
                StartedAt = startedAt,
                HeartbeatAt = now,
                LiveUntil = now + goneAfter,
            },
            now,
            cancellationToken);
    }

    /// <summary>Heartbeats; returns true when the drain state changed with it.</summary>
    public async Task<bool> BeatAsync(int running, CancellationToken cancellationToken = default)
    {
        if (!registered)
        {
            await RegisterAsync(waitOutEarlierSelf: false, cancellationToken);
            return false;
        }

        var now = time.GetUtcNow();
        var outcome = await store.HeartbeatAsync(
            new WorkerBeat { Name = Name, WorkerId = workerId, Running = running, Now = now, LiveUntil = now + goneAfter, Drained = Draining && running == 0 },
            cancellationToken);
        if (outcome == WorkerBeatOutcome.Lost)
        {
            // Forgotten, or silent long enough that another node took the name: take it back if it is free.
            LogLost(logger, Name);
            registered = false;
            await RegisterAsync(waitOutEarlierSelf: false, cancellationToken);
            return false;
        }

        var draining = outcome == WorkerBeatOutcome.Drain;
        if (draining == Draining)
        {
            return false;
        }

        Draining = draining;
        LogDrain(logger, Name, draining);
        return true;
    }

    /// <summary>Deletes the rows of nodes gone for longer than <see cref="WorkerNodeLiveness.ForgetAfter"/>.</summary>
    public Task<int> ForgetLongGoneAsync(CancellationToken cancellationToken = default) =>
        store.ForgetAsync(time.GetUtcNow() - WorkerNodeLiveness.ForgetAfter, cancellationToken);

    /// <summary>Marks the node stopped, so that it shows as gone at once and its name is free.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (registered)
        {
            await store.StopAsync(Name, workerId, time.GetUtcNow(), cancellationToken);
            registered = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker name {Name} is held by {WorkerId}, of this host name but another boot or pid namespace (this node before a restart, or another machine or container with this host name), last heartbeat {HeartbeatAt:u}; waiting until {LiveUntil:u} for that heartbeat to run out before taking the name")]
    private static partial void LogWaitingOut(ILogger logger, string name, string workerId, DateTimeOffset heartbeatAt, DateTimeOffset liveUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {Name} lost its registration (silent too long or forgotten); registering again")]
    private static partial void LogLost(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Name} draining: {Draining} (a draining worker claims nothing new and finishes what runs)")]
    private static partial void LogDrain(ILogger logger, string name, bool draining);
}
