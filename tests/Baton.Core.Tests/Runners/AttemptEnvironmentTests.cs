using Baton.Core.Attempts;
using Baton.Core.Logs;
using Baton.Core.Runners;
using Baton.Core.Tasks;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Runners;

public sealed class AttemptEnvironmentTests : IDisposable
{
    private readonly TempDirectory directory = new();

    [Fact]
    public void Build_TaskVariables_AddedOverBaseWithBatonVariables()
    {
        using var log = AttemptLog.Create(directory.File("1.log"), 1024, 256);
        var definition = new TaskDefinition
        {
            Name = "t",
            Runner = "command",
            WorkingDirectory = "/",
            Environment = new Dictionary<string, string> { ["MODE"] = "task", ["EXTRA"] = "1" },
        };
        var task = new TaskRecord
        {
            Id = "abcdabcdabcd",
            Definition = definition,
            Status = TaskState.Running,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            DueAt = DateTimeOffset.UnixEpoch,
        };
        var context = new AttemptContext(task, new AttemptKey(task.Id, 3), log, TimeSpan.Zero, TimeProvider.System, _ => Task.CompletedTask, _ => { });
        var baseEnvironment = new Dictionary<string, string> { ["PATH"] = "/bin", ["MODE"] = "daemon", ["BATON_TASK_ID"] = "spoofed" };

        var environment = AttemptEnvironment.Build(baseEnvironment, context);

        Assert.Equal("/bin", environment["PATH"]);
        Assert.Equal("task", environment["MODE"]);
        Assert.Equal("1", environment["EXTRA"]);
        Assert.Equal("abcdabcdabcd", environment["BATON_TASK_ID"]);
        Assert.Equal("3", environment["BATON_ATTEMPT"]);
        Assert.Equal("daemon", baseEnvironment["MODE"]);
    }

    public void Dispose() => directory.Dispose();
}
