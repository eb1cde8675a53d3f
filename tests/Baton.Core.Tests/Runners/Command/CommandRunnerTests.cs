using Baton.Core.Attempts;
using Baton.Core.Logs;
using Baton.Core.Runners;
using Baton.Core.Runners.Command;
using Baton.Core.Tasks;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Runners.Command;

/// <summary>The command runner over real processes; the system clock bounds the (short) stop grace period.</summary>
public sealed class CommandRunnerTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> BaseEnvironment = new() { ["PATH"] = "/usr/bin:/bin" };
    private readonly TempDirectory directory = new();

    // A task id of its own per test: tests in other classes stop process trees by their attempt's marker.
    private readonly string taskId = Baton.Core.Tasks.TaskIds.New();

    [Fact]
    public async Task RunAsync_ExitZero_SucceedsWithStdoutTail()
    {
        var outcome = await RunAsync("sh", "-c", "echo progress >&2; echo \"result for $BATON_TASK_ID/$BATON_ATTEMPT\"");

        Assert.True(outcome.Succeeded);
        Assert.Equal($"result for {taskId}/1\n", outcome.Result);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_RetryableFailureWithStderrTail()
    {
        var outcome = await RunAsync("sh", "-c", "echo partial; echo 'disk full' >&2; exit 4");

        Assert.False(outcome.Succeeded);
        Assert.True(outcome.Retryable);
        Assert.Equal("disk full", outcome.Error);
        Assert.Equal(4, outcome.ExitCode);
    }

    [Fact]
    public async Task RunAsync_NonZeroExitWithoutStderr_ErrorNamesTheExit()
    {
        var outcome = await RunAsync("sh", "-c", "exit 7");

        Assert.Equal("the program ended with exit code 7", outcome.Error);
    }

    [Fact]
    public async Task RunAsync_ProgramMissing_NonRetryableFailureNotedInLog()
    {
        var logPath = directory.File("1.log");

        var outcome = await RunWithLogAsync("baton-test-no-such-program", logPath);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Retryable);
        Assert.Contains("was not found on PATH", outcome.Error, StringComparison.Ordinal);
        Assert.StartsWith("[baton] program 'baton-test-no-such-program' was not found on PATH", await File.ReadAllTextAsync(logPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoProgram_NonRetryableFailure()
    {
        var outcome = await RunWithLogAsync(program: null, directory.File("1.log"));

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Retryable);
    }

    public void Dispose() => directory.Dispose();

    private Task<AttemptOutcome> RunAsync(string program, params string[] arguments) =>
        RunWithLogAsync(program, directory.File("1.log"), arguments);

    private async Task<AttemptOutcome> RunWithLogAsync(string? program, string logPath, params string[] arguments)
    {
        var task = new TaskRecord
        {
            Id = taskId,
            Definition = new TaskDefinition { Name = "t", Runner = "command", Program = program, Arguments = arguments, WorkingDirectory = directory.Path },
            Status = TaskState.Running,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            DueAt = DateTimeOffset.UnixEpoch,
        };
        using var log = AttemptLog.Create(logPath, 64 * 1024, 4096);
        var context = new AttemptContext(
            task, new AttemptKey(task.Id, 1), log, TimeSpan.FromMilliseconds(300), TimeProvider.System, _ => Task.CompletedTask, _ => { });
        return await new CommandRunner(BaseEnvironment).RunAsync(context, CancellationToken.None).WaitAsync(Bound);
    }
}
