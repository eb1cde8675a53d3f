using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Claude;

namespace Baton.Core.Tests.Runners.Claude;

public sealed class ClaudeCommandLineTests
{
    private static readonly AgentSpec Agent = new()
    {
        Name = "reviewer",
        SystemPrompt = "You review.\nCarefully.",
        Tools = ["Read", "Grep", "Bash"],
        DisallowedTools = ["Write"],
        Model = "sonnet",
        PermissionMode = "acceptEdits",
        MaxTurns = 12,
    };

    [Fact]
    public void ForNewSession_FullAgent_StreamJsonSessionIdAndListFlagsInEqualsForm()
    {
        var args = ClaudeCommandLine.ForNewSession(Agent, model: null, "11111111-2222-3333-4444-555555555555");

        Assert.Equal(
            [
                "-p", "--output-format", "stream-json", "--verbose", "--session-id", "11111111-2222-3333-4444-555555555555",
                "--model=sonnet", "--append-system-prompt=You review.\nCarefully.", "--allowedTools=Read,Grep,Bash",
                "--disallowedTools=Write", "--permission-mode=acceptEdits", "--max-turns=12",
            ],
            args);
    }

    [Fact]
    public void ForResume_TaskModelOverridesTheAgents_UsesResumeWithTheSameId()
    {
        var args = ClaudeCommandLine.ForResume(Agent, model: "opus", "abc");

        Assert.Equal(["--resume", "abc"], args.Skip(4).Take(2));
        Assert.Contains("--model=opus", args);
        Assert.DoesNotContain("--session-id", args);
    }

    [Fact]
    public void ForFork_ASession_ResumesItWithForkSessionSoTheOriginalIsUntouched()
    {
        var args = ClaudeCommandLine.ForFork(Agent, model: null, "abc");

        Assert.Equal(["--resume", "abc", "--fork-session"], args.Skip(4).Take(3));
        Assert.DoesNotContain("--session-id", args);
        Assert.Contains("--append-system-prompt=You review.\nCarefully.", args);
    }

    [Fact]
    public void ForNewSession_NoAgentAndInheritModel_OnlyTheHeadlessFlags()
    {
        var args = ClaudeCommandLine.ForNewSession(agent: null, model: null, "id");

        Assert.Equal(["-p", "--output-format", "stream-json", "--verbose", "--session-id", "id"], args);
        Assert.DoesNotContain(ClaudeCommandLine.ForNewSession(Agent with { Model = "inherit" }, null, "id"), a => a.StartsWith("--model", StringComparison.Ordinal));
    }

    [Fact]
    public void ForNewSession_Interactive_ReadsStreamJsonAndAsksOnStdio()
    {
        var args = ClaudeCommandLine.ForNewSession(agent: null, model: null, "id", interactive: true);

        Assert.Equal(
            ["-p", "--output-format", "stream-json", "--verbose", "--input-format", "stream-json", "--permission-prompt-tool", "stdio", "--session-id", "id"],
            args);
        Assert.Equal(["--resume", "id"], ClaudeCommandLine.ForResume(Agent, null, "id", interactive: true).Skip(8).Take(2));
    }
}
