using Baton.Core.Engine;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Cluster;

/// <summary>
/// Runs one piece of once-per-cluster work on whichever node holds its lease. Every node runs a duty for the same
/// name; one takes the lease and runs the work, renewing as it goes, and the others try again each interval (and
/// take it at once from a holder that ran on this host and is certainly gone). The
/// holder stops the work as soon as a renewal is refused, and also on its own when it could not renew for
/// <see cref="ClusterDutyTiming.StopAfter"/> (the database out of reach), before the lease can pass to another
/// node. On a clean stop it gives the lease back, so another node takes over within one interval.
/// </summary>
public sealed partial class ClusterDuty(
    IClusterLeaseStore leases, string name, string holder, ClusterDutyTiming timing, TimeProvider time, ILogger logger)
{
    private volatile bool held;

    /// <summary>The lease's name.</summary>
    public string Name => name;

    /// <summary>True while this node holds the lease and runs the work.</summary>
    public bool IsHeld => held;

    /// <summary>
    /// Runs <paramref name="work"/> whenever this node holds the lease, until <paramref name="stopping"/> fires. The
    /// work gets a token that fires when the lease is lost; it should run until then (a loop). Work that ends by
    /// itself before (it failed) gives the lease back.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            if (await TryHoldAsync(stopping))
            {
                await RunWhileHeldAsync(work, stopping);
            }

            await DelayAsync(timing.RenewInterval, stopping);
        }

        await ReleaseAsync();
    }

    private async Task RunWhileHeldAsync(Func<CancellationToken, Task> work, CancellationToken stopping)
    {
        var renewedAt = time.GetUtcNow();
        held = true;
        LogTaken(logger, name, holder);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var running = RunWorkAsync(work, lost.Token);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                // Renew at the usual cadence. Work that ended by itself (it failed) gives the lease back, and this
                // or another node starts it afresh at the next turn.
                var turn = DelayAsync(timing.RenewInterval, stopping);
                if (await Task.WhenAny(running, turn) == running && !stopping.IsCancellationRequested)
                {
                    await ReleaseAsync();
                    break;
                }

                if (stopping.IsCancellationRequested)
                {
                    break;
                }

                var outcome = await RenewAsync(stopping);
                if (outcome == true)
                {
                    renewedAt = time.GetUtcNow();
                    continue;
                }

                if (outcome == false || time.GetUtcNow() - renewedAt >= timing.StopAfter)
                {
                    LogLost(logger, name, holder);
                    break;
                }
            }
        }
        finally
        {
            held = false;
            await lost.CancelAsync();
            await running;
        }
    }

    private async Task RunWorkAsync(Func<CancellationToken, Task> work, CancellationToken lost)
    {
        try
        {
            await work(lost);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            // The lease was lost or the node stops.
        }
        catch (Exception ex) when (ex is BatonException or IOException or InvalidOperationException)
        {
            LogWorkFailed(logger, ex, name);
        }
    }

    /// <summary>True if held, false if refused, null if the store could not be asked.</summary>
    private async Task<bool?> RenewAsync(CancellationToken stopping)
    {
        try
        {
            var now = time.GetUtcNow();
            return await leases.TryHoldAsync(name, holder, now, now + timing.LeaseDuration, stopping);
        }
        catch (BatonException ex)
        {
            LogRenewFailed(logger, name, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Takes the lease if it is free or expired; or, if its holder ran on this host and is certainly gone (a daemon
    /// killed and started again, another node of this machine that died), at once instead of after its end, as the
    /// attempts of such a worker are rescued at once.
    /// </summary>
    private async Task<bool> TryHoldAsync(CancellationToken stopping)
    {
        if (await RenewAsync(stopping) == true)
        {
            return true;
        }

        string? gone;
        try
        {
            gone = (await leases.ListAsync(stopping)).FirstOrDefault(l => l.Name == name && l.Holder != holder && WorkerIdentity.IsDeadOnThisHost(l.Holder))?.Holder;
        }
        catch (BatonException ex)
        {
            LogRenewFailed(logger, name, ex.Message);
            return false;
        }

        if (gone is null)
        {
            return false;
        }

        LogTakingFromGone(logger, name, gone);
        await ReleaseAsync(gone);
        return await RenewAsync(stopping) == true;
    }

    /// <summary>Gives the lease up for <paramref name="of"/> (by default this node), bounded in time.</summary>
    private async Task ReleaseAsync(string? of = null)
    {
        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            await leases.ReleaseAsync(name, of ?? holder, bounded.Token);
        }
        catch (Exception ex) when (ex is BatonException or OperationCanceledException)
        {
            // It expires by itself.
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, time, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This node ({Holder}) now runs the cluster's {Duty}")]
    private static partial void LogTaken(ILogger logger, string duty, string holder);

    [LoggerMessage(Level = LogLevel.Information, Message = "The cluster's {Duty} was held by {Gone}, a node of this host that is gone; taking it over")]
    private static partial void LogTakingFromGone(ILogger logger, string duty, string gone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This node ({Holder}) stopped running the cluster's {Duty}: its lease was lost or could not be renewed")]
    private static partial void LogLost(ILogger logger, string duty, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease of the cluster's {Duty}: {Reason}")]
    private static partial void LogRenewFailed(ILogger logger, string duty, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The cluster's {Duty} failed; it runs again at the next turn of its lease")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception, string duty);
}
