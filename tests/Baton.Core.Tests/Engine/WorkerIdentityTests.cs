using System.Globalization;
using Baton.Core.Engine;

namespace Baton.Core.Tests.Engine;

public sealed class WorkerIdentityTests
{
    [Fact]
    public void ForCurrentProcess_Always_HostPidAndStartTicks()
    {
        var parts = WorkerIdentity.ForCurrentProcess().Split(':');

        Assert.Equal(3, parts.Length);
        Assert.Equal(Environment.MachineName, parts[0]);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), parts[1]);
        Assert.True(long.Parse(parts[2], CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public void IsDeadOnThisHost_CurrentProcess_False() =>
        Assert.False(WorkerIdentity.IsDeadOnThisHost(WorkerIdentity.ForCurrentProcess()));

    [Fact]
    public void IsDeadOnThisHost_PidReusedByAnotherProcess_True()
    {
        var parts = WorkerIdentity.ForCurrentProcess().Split(':');
        var otherStart = long.Parse(parts[2], CultureInfo.InvariantCulture) + 1;

        Assert.True(WorkerIdentity.IsDeadOnThisHost($"{parts[0]}:{parts[1]}:{otherStart}"));
    }

    [Theory]
    [InlineData("some-other-host:1:1")]
    [InlineData("not-a-worker-id")]
    [InlineData("")]
    public void IsDeadOnThisHost_OtherHostOrMalformed_False(string workerId) =>
        Assert.False(WorkerIdentity.IsDeadOnThisHost(workerId));
}
