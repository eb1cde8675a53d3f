using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Sessions;
using Baton.Core.Tasks;

namespace Baton.Core.Tests.Application;

public sealed class SessionSourcesTests
{
    [Theory]
    [InlineData("claude")]
    [InlineData("codex")]
    public void RequireRunnerCan_ForkOnARunnerThatForks_Accepted(string runner) =>
        SessionSources.RequireRunnerCan(Task(runner, SessionUse.Fork));

    [Fact]
    public void RequireRunnerCan_GeminiContinues_Accepted() =>
        SessionSources.RequireRunnerCan(Task("gemini", SessionUse.Continue));

    [Fact]
    public void RequireRunnerCan_GeminiForks_RefusedNamingTheRunnersThatCan()
    {
        var error = Assert.Throws<BatonException>(() => SessionSources.RequireRunnerCan(Task("gemini", SessionUse.Fork)));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Equal("the gemini runner cannot fork a session; claude and codex can (a gemini task can continue one instead)", error.Message);
    }

    [Fact]
    public void RequireRunnerCan_CommandTask_Refused()
    {
        var error = Assert.Throws<BatonException>(() => SessionSources.RequireRunnerCan(Task("command", SessionUse.Continue)));

        Assert.Contains("a command task has no agent session", error.Message, StringComparison.Ordinal);
    }

    private static TaskDefinition Task(string runner, SessionUse use) => new()
    {
        Name = "t",
        Runner = runner,
        Instructions = "go",
        WorkingDirectory = "/tmp",
        Session = new SessionSource("abcdabcdabcd", use),
    };
}
