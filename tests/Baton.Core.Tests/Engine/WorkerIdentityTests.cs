using System.Globalization;
using Baton.Core.Engine;

namespace Baton.Core.Tests.Engine;

public sealed class WorkerIdentityTests
{
    [Fact]
    public void ForCurrentProcess_Always_HostPidStartTicksAndPlace()
    {
        var parts = WorkerIdentity.ForCurrentProcess().Split(':');

        Assert.Equal(4, parts.Length);
        Assert.Equal(Environment.MachineName, parts[0]);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), parts[1]);
        Assert.True(long.Parse(parts[2], CultureInfo.InvariantCulture) > 0);
        Assert.Matches("^[0-9a-f]{8}$", parts[3]);
    }

    [Fact]
    public void IsDeadOnThisHost_CurrentProcess_FalseAndAlive()
    {
        var id = WorkerIdentity.ForCurrentProcess();

        Assert.False(WorkerIdentity.IsDeadOnThisHost(id));
        Assert.True(WorkerIdentity.IsAliveOnThisHost(id, Environment.ProcessId));
        Assert.False(WorkerIdentity.IsAliveOnThisHost(id, Environment.ProcessId + 1));
    }

    [Fact]
    public void IsDeadOnThisHost_PidReusedByAnotherProcess_TrueAndNotAlive()
    {
        var parts = WorkerIdentity.ForCurrentProcess().Split(':');
        var otherStart = long.Parse(parts[2], CultureInfo.InvariantCulture) + 1;
        var gone = WorkerIdentity.Of(Environment.ProcessId, otherStart);

        Assert.True(WorkerIdentity.IsDeadOnThisHost(gone));
        Assert.False(WorkerIdentity.IsAliveOnThisHost(gone, Environment.ProcessId));
    }

    [Fact]
    public void IsDeadOnThisHost_SameHostNameElsewhere_FalseSoTheLeasesDecide()
    {
        // Another machine (or container) with this host name, or this machine before a reboot: its pids mean nothing
        // here, so a process missing here proves nothing about it.
        var parts = WorkerIdentity.Of(Environment.ProcessId, 1).Split(':');
        var elsewhere = $"{parts[0]}:{parts[1]}:{parts[2]}:{(parts[3] == "00000000" ? "ffffffff" : "00000000")}";

        Assert.False(WorkerIdentity.IsDeadOnThisHost(elsewhere));
        Assert.False(WorkerIdentity.IsAliveOnThisHost(elsewhere, Environment.ProcessId));
    }

    [Fact]
    public void IsOfThisHostElsewhere_ThisHostNameAnotherPlaceOrNone_TrueButNotForThisPlaceOrAnotherHost()
    {
        var parts = WorkerIdentity.ForCurrentProcess().Split(':');
        var otherPlace = parts[3] == "00000000" ? "ffffffff" : "00000000";

        Assert.True(WorkerIdentity.IsOfThisHostElsewhere($"{parts[0]}:1:1:{otherPlace}"));
        Assert.True(WorkerIdentity.IsOfThisHostElsewhere($"{parts[0]}:1:1"));
        Assert.False(WorkerIdentity.IsOfThisHostElsewhere(WorkerIdentity.Of(1, 1)));
        Assert.False(WorkerIdentity.IsOfThisHostElsewhere($"some-other-host:1:1:{otherPlace}"));
        Assert.False(WorkerIdentity.IsOfThisHostElsewhere(""));
    }

    [Theory]
    [InlineData("some-other-host:1:1:00000000")]
    [InlineData("not-a-worker-id")]
    [InlineData("")]
    public void IsDeadOnThisHost_OtherHostOrMalformed_False(string workerId) =>
        Assert.False(WorkerIdentity.IsDeadOnThisHost(workerId));

    [Fact]
    public void IsDeadOnThisHost_IdOfAnOlderVersionWithoutPlace_False()
    {
        // Before the place was part of the id: where it ran cannot be told, so only its lease can end it.
        var old = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:1");

        Assert.False(WorkerIdentity.IsDeadOnThisHost(old));
    }

    [Fact]
    public void IsAliveOnThisHost_IdOfAnOlderVersionNamingThisVeryProcess_True()
    {
        // A daemon of the version before an upgrade, still running: it is still named as the holder of its directory.
        var parts = WorkerIdentity.ForCurrentProcess().Split(':');
        var old = $"{parts[0]}:{parts[1]}:{parts[2]}";
        var otherStart = string.Create(CultureInfo.InvariantCulture, $"{parts[0]}:{parts[1]}:{long.Parse(parts[2], CultureInfo.InvariantCulture) + 1}");

        Assert.True(WorkerIdentity.IsAliveOnThisHost(old, Environment.ProcessId));
        Assert.False(WorkerIdentity.IsAliveOnThisHost(otherStart, Environment.ProcessId));
    }
}
