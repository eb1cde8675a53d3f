using Baton.Core.Agents;
using Baton.Core.Application;
using Baton.Core.Interactions;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Agents;

/// <summary>An agent's input timeout policy in its front matter, and how it reaches the tasks of that agent.</summary>
public sealed class AgentFileParserInputTimeoutTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("deny", InputTimeoutAction.Deny)]
    [InlineData("fail", InputTimeoutAction.Fail)]
    [InlineData("pause", InputTimeoutAction.Pause)]
    public void Parse_InputTimeoutKeys_ReadsTheSecondsAndThePolicy(string name, InputTimeoutAction action)
    {
        var agent = AgentFiles.ParseValid(directory, AgentFiles.Valid("asker", $"input_timeout_seconds: 900\non_input_timeout: {name}\n"));

        Assert.Equal(900, agent.InputTimeoutSeconds);
        Assert.Equal(action, agent.OnInputTimeout);
        Assert.Equal(name, AgentView.Of(agent).OnInputTimeout);
    }

    [Theory]
    [InlineData("on_input_timeout: wait\n", "'on_input_timeout' must be one of deny, fail, pause (found 'wait')")]
    [InlineData("input_timeout_seconds: 0\n", "'input_timeout_seconds' must be between 1 and")]
    [InlineData("onInputTimeout: deny\n", "unknown key 'onInputTimeout'; the key is spelled 'on_input_timeout'")]
    public void Parse_BadInputTimeoutKey_ReportsItOnItsLine(string line, string message)
    {
        var problem = AgentFiles.ParseSingleProblem(directory, AgentFiles.Valid("asker", line));

        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TaskOfAnAgentWithAPolicy_KeepsTheAgentsPolicyInItsSpecAndTheTasksOwnWhenGiven()
    {
        var agent = AgentFiles.ParseValid(directory, AgentFiles.Valid("asker", "input_timeout_seconds: 900\non_input_timeout: pause\n"));
        var builder = new TaskRequestBuilder((_, _) => agent, directory.Path);

        var inherited = builder.Build(new TaskRequest { AgentName = "asker", AgentInstructions = "go" });
        var own = builder.Build(new TaskRequest { AgentName = "asker", AgentInstructions = "go", InputTimeoutSeconds = 60, OnInputTimeout = "fail" });

        Assert.Null(inherited.InputTimeoutSeconds);
        Assert.Equal(900, inherited.Agent!.InputTimeoutSeconds);
        Assert.Equal(InputTimeoutAction.Pause, inherited.Agent.OnInputTimeout);
        Assert.Equal(60, own.InputTimeoutSeconds);
        Assert.Equal(InputTimeoutAction.Fail, own.OnInputTimeout);
    }

    [Fact]
    public void Build_UnknownOnInputTimeout_IsInvalidNamingTheChoices()
    {
        var builder = new TaskRequestBuilder((_, _) => throw new InvalidOperationException(), directory.Path);

        var error = Assert.Throws<Baton.Core.Errors.BatonException>(() => builder.Build(new TaskRequest { Command = ["true"], OnInputTimeout = "wait" }));

        Assert.Equal("on_input_timeout 'wait' is not one of deny, fail, pause", error.Message);
    }
}
