using Baton.Core.Stats;
using Baton.Core.Storage;

namespace Baton.Core.Tests.Stats;

public sealed class FailureModesTests
{
    [Theory]
    [InlineData("timed_out", "timed out after 10 s; the process tree was stopped", "timeout")]
    [InlineData("failed", "the program ended with exit code 3", "exit_code_3")]
    [InlineData("failed", "the program ended with signal 9 (SIGKILL)", "signal_9")]
    [InlineData("failed", "interrupted: the daemon shut down", "interrupted")]
    [InlineData("failed", "Baton could not run the attempt: no such file", "launch_failed")]
    [InlineData("failed", "nobody answered the agent within its input timeout", "input_timeout")]
    [InlineData("failed", "claude ended with exit code 1 without a result line", "no_result")]
    [InlineData("failed", "make: *** [all] Error 2", "other")]
    [InlineData("failed", null, "unknown")]
    public void Classify_KnownErrors_Kind(string status, string? error, string expected) =>
        Assert.Equal(expected, FailureKinds.Classify(status, error));

    [Fact]
    public void Of_GroupsOfOneKind_SummedWithTheLargestGroupsExample()
    {
        var modes = FailureModes.Of(
            [
                new TaskFailureGroup("failed", "x: exit code 3", 2, "task_b"),
                new TaskFailureGroup("failed", "y: exit code 3\nmore lines", 5, "task_a"),
                new TaskFailureGroup("timed_out", "timed out after 1 s", 4, "task_c"),
                new TaskFailureGroup("failed", "odd", 1, "task_d"),
            ],
            limit: 2);

        Assert.Equal([new FailureMode("exit_code_3", 7, "task_a", "y: exit code 3"), new FailureMode("timeout", 4, "task_c", "timed out after 1 s")], modes);
    }
}
