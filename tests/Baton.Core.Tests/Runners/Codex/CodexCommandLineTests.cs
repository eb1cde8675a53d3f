using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Codex;

namespace Baton.Core.Tests.Runners.Codex;

public sealed class CodexCommandLineTests
{
    [Theory]
    [InlineData(null, "-s workspace-write")]
    [InlineData("default", "-s workspace-write")]
    [InlineData("acceptEdits", "-s workspace-write")]
    [InlineData("dontAsk", "-s workspace-write")]
    [InlineData("plan", "-s read-only")]
    [InlineData("read-only", "-s read-only")]
    [InlineData("danger-full-access", "-s danger-full-access")]
    [InlineData("bypassPermissions", "--dangerously-bypass-approvals-and-sandbox")]
    public void ForNewSession_PermissionMode_MapsToSandbox(string? mode, string expected)
    {
        var args = CodexCommandLine.ForNewSession(new AgentSpec { Name = "a", PermissionMode = mode }, null);

        Assert.Equal(["exec", "--json", "--skip-git-repo-check", .. expected.Split(' '), "-"], args);
    }

    [Fact]
    public void ForResume_ModelOptions_GoBeforeTheSubcommand()
    {
        var args = CodexCommandLine.ForResume(new AgentSpec { Name = "a", Model = "o4-mini" }, "gpt-5-codex", "t-1");

        Assert.Equal(["exec", "--json", "--skip-git-repo-check", "-m", "gpt-5-codex", "-s", "workspace-write", "resume", "t-1", "-"], args);
    }

    [Fact]
    public void ForNewSession_AgentModelInherit_PassesNoModel()
    {
        Assert.DoesNotContain("-m", CodexCommandLine.ForNewSession(new AgentSpec { Name = "a", Model = "inherit" }, null));
    }

    [Fact]
    public void Prompt_NoSystemPrompt_IsThePromptAlone()
    {
        Assert.Equal("do it", CodexCommandLine.Prompt(new AgentSpec { Name = "a", SystemPrompt = "  " }, "do it"));
    }
}
