using Baton.Core.Runners.Codex;
using Baton.Core.Tasks;

namespace Baton.Core.Tests.Runners.Codex;

public sealed class CodexForkMessageTests
{
    private static readonly TaskDefinition Task = new() { Name = "t", Runner = "codex", Instructions = "go", WorkingDirectory = "/work", Model = "gpt-5" };

    [Fact]
    public void Fork_AThread_NamesItWithTheTasksSettingsAndAsksForTheHistory()
    {
        var fork = CodexAppServerMessages.Fork(Task, "thread-1");

        Assert.Equal("thread-1", (string?)fork["threadId"]);
        Assert.Equal("/work", (string?)fork["cwd"]);
        Assert.Equal("gpt-5", (string?)fork["model"]);
        Assert.False(fork.ContainsKey("excludeTurns"));
    }

    [Fact]
    public void Thread_AResume_LeavesTheHistoryOnDisk()
    {
        var resume = CodexAppServerMessages.Thread(Task, "thread-1");

        Assert.Equal("thread-1", (string?)resume["threadId"]);
        Assert.True((bool?)resume["excludeTurns"]);
    }
}
