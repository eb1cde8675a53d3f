using System.Diagnostics;
using Baton.Core.Cluster;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Tests.Testing;
using Baton.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Core.Tests.Cluster;

/// <summary>Once-per-cluster work: one holder runs it, another takes over when it stops, a holder that loses the lease stops.</summary>
public sealed class ClusterDutyTests : IAsyncLifetime
{
    private static readonly ClusterDutyTiming Timing = new() { LeaseDuration = TimeSpan.FromSeconds(30), RenewInterval = TimeSpan.FromSeconds(10) };
    private readonly TempDirectory directory = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private SqliteClusterLeaseStore leases = null!;

    public async Task InitializeAsync()
    {
        var options = new SqliteStoreOptions { DatabasePath = directory.File("baton.db") };
        await new SqliteStoreMigrator(options).MigrateAsync();
        leases = new SqliteClusterLeaseStore(options);
    }

    public async Task DisposeAsync()
    {
        await leases.DisposeAsync();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    [Fact]
    public async Task RunAsync_TwoNodes_OneRunsTheWork_TheOtherTakesOverAfterACleanStop()
    {
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var a = new Node(Duty("node-a"), time);
        var runA = a.Duty.RunAsync(a.WorkAsync, stopA.Token);
        await Poll.UntilAsync(() => a.Running, TimeSpan.FromSeconds(10), "node-a to take the free lease");
        var b = new Node(Duty("node-b"), time);
        var runB = b.Duty.RunAsync(b.WorkAsync, stopB.Token);

        await AdvanceAsync(TimeSpan.FromSeconds(45), () => false);
        Assert.True(a.Running);
        Assert.False(b.Running);
        Assert.Equal(0, b.Starts);

        await stopA.CancelAsync();
        await runA;
        Assert.False(a.Running);
        await AdvanceAsync(TimeSpan.FromSeconds(11), () => b.Running);

        Assert.True(b.Running);
        Assert.Equal("node-b", Assert.Single(await leases.ListAsync()).Holder);
        await stopB.CancelAsync();
        await runB;
    }

    [Fact]
    public async Task RunAsync_LeaseTakenAfterItsEnd_TheOldHolderStopsItsWork()
    {
        using var stop = new CancellationTokenSource();
        var a = new Node(Duty("node-a"), time);
        var run = a.Duty.RunAsync(a.WorkAsync, stop.Token);
        await Poll.UntilAsync(() => a.Running, TimeSpan.FromSeconds(10), "node-a to take the lease");

        // Another node took the lease as if node-a had not renewed it in time.
        Assert.True(await leases.TryHoldAsync(ClusterDutyNames.Rescue, "node-b", time.GetUtcNow().AddSeconds(31), time.GetUtcNow().AddSeconds(61)));
        await AdvanceAsync(TimeSpan.FromSeconds(11), () => !a.Running);

        Assert.False(a.Running);
        Assert.False(a.Duty.IsHeld);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task RunAsync_StoreOutOfReach_TheHolderStopsBeforeTheLeaseCouldPass()
    {
        using var stop = new CancellationTokenSource();
        var store = new Unreachable(leases);
        var a = new Node(new ClusterDuty(store, ClusterDutyNames.Rescue, "node-a", Timing, time, NullLogger.Instance), time);
        var run = a.Duty.RunAsync(a.WorkAsync, stop.Token);
        await Poll.UntilAsync(() => a.Running, TimeSpan.FromSeconds(10), "node-a to take the lease");
        var takenAt = time.GetUtcNow();

        store.Down = true;
        await AdvanceAsync(TimeSpan.FromSeconds(29), () => !a.Running);

        Assert.False(a.Running);
        Assert.True(a.StoppedAt - takenAt < Timing.LeaseDuration, $"stopped {a.StoppedAt - takenAt} after the last renewal");
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task RunAsync_HolderWasANodeOfThisHostThatIsGone_TakenAtOnceWithoutWaitingForItsEnd()
    {
        using var stop = new CancellationTokenSource();
        // This process's pid with other start ticks: an earlier process of this host that is certainly gone.
        var gone = Baton.Core.Engine.WorkerIdentity.Of(Environment.ProcessId, 1);
        Assert.True(await leases.TryHoldAsync(ClusterDutyNames.Rescue, gone, time.GetUtcNow(), time.GetUtcNow().AddSeconds(30)));
        var a = new Node(Duty("node-a"), time);

        var run = a.Duty.RunAsync(a.WorkAsync, stop.Token);

        await Poll.UntilAsync(() => a.Running, TimeSpan.FromSeconds(10), "node-a to take the lease of the gone holder with the clock still");
        Assert.Equal("node-a", Assert.Single(await leases.ListAsync()).Holder);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task RunAsync_HolderIsALiveProcessOfThisHost_TakenOnlyAfterItsEnd()
    {
        using var stop = new CancellationTokenSource();
        var live = Baton.Core.Engine.WorkerIdentity.ForCurrentProcess();
        Assert.True(await leases.TryHoldAsync(ClusterDutyNames.Rescue, live, time.GetUtcNow(), time.GetUtcNow().AddSeconds(30)));
        var a = new Node(Duty("node-a"), time);
        var run = a.Duty.RunAsync(a.WorkAsync, stop.Token);

        await AdvanceAsync(TimeSpan.FromSeconds(25), () => false);
        Assert.False(a.Running);
        await AdvanceAsync(TimeSpan.FromSeconds(20), () => a.Running);

        Assert.True(a.Running);
        await stop.CancelAsync();
        await run;
    }

    private ClusterDuty Duty(string holder) => new(leases, ClusterDutyNames.Rescue, holder, Timing, time, NullLogger.Instance);

    /// <summary>
    /// Moves the fake clock a second at a time (letting timers fire) until the condition holds or the span passed;
    /// then, with the clock still, gives the loops the timers woke up to 10 real seconds to get there (on a busy
    /// machine they can be slower than a step).
    /// </summary>
    private async Task AdvanceAsync(TimeSpan span, Func<bool> done)
    {
        for (var passed = TimeSpan.Zero; passed < span && !done(); passed += TimeSpan.FromSeconds(1))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            // Let the loops woken by the timers reach their next wait (they write to a real database).
            await Task.Delay(20);
        }

        var settling = Stopwatch.StartNew();
        while (!done() && settling.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }
    }

    private sealed class Node(ClusterDuty duty, TimeProvider clock)
    {
        private volatile bool running;

        public ClusterDuty Duty { get; } = duty;

        public bool Running => running;

        public int Starts { get; private set; }

        public DateTimeOffset StoppedAt { get; private set; }

        public async Task WorkAsync(CancellationToken lost)
        {
            Starts++;
            running = true;
            try
            {
                await Task.Delay(Timeout.Infinite, lost);
            }
            finally
            {
                running = false;
                StoppedAt = clock.GetUtcNow();
            }
        }
    }

    private sealed class Unreachable(IClusterLeaseStore inner) : IClusterLeaseStore
    {
        public volatile bool Down;

        public Task<bool> TryHoldAsync(string name, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default) =>
            Down ? throw new BatonException(ErrorKind.Unavailable, "the database cannot be reached") : inner.TryHoldAsync(name, holder, now, until, cancellationToken);

        public Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken = default) =>
            Down ? throw new BatonException(ErrorKind.Unavailable, "the database cannot be reached") : inner.ReleaseAsync(name, holder, cancellationToken);

        public Task<IReadOnlyList<ClusterLease>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);
    }
}
