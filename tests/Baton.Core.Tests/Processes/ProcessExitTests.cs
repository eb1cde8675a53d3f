using Baton.Core.Processes;

namespace Baton.Core.Tests.Processes;

public sealed class ProcessExitTests
{
    [Theory]
    [InlineData(0x0000, 0)]
    [InlineData(0x0300, 3)]
    [InlineData(0xFF00, 255)]
    public void FromWaitStatus_NormalExit_ExitCode(int status, int code) =>
        Assert.Equal(new ProcessExit(code, null), ProcessExit.FromWaitStatus(status));

    [Theory]
    [InlineData(9)]
    [InlineData(15)]
    [InlineData(0x80 | 11)] // core dumped
    public void FromWaitStatus_KilledBySignal_Signal(int status) =>
        Assert.Equal(new ProcessExit(null, status & 0x7f), ProcessExit.FromWaitStatus(status));

    [Theory]
    [InlineData(3, null, "exit code 3")]
    [InlineData(null, 9, "signal 9 (SIGKILL)")]
    [InlineData(null, 15, "signal 15 (SIGTERM)")]
    [InlineData(null, 10, "signal 10")]
    public void ToString_ExitOrSignal_Describes(int? code, int? signal, string expected) =>
        Assert.Equal(expected, new ProcessExit(code, signal).ToString());
}
