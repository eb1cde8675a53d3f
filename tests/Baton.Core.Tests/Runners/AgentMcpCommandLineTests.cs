using System.Text.Json;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Codex;

namespace Baton.Core.Tests.Runners;

public sealed class AgentMcpCommandLineTests
{
    private static readonly AgentMcpRun Run = new(
        new AgentMcpServer("/opt/baton/baton", [], new Dictionary<string, string> { ["BATON_HOME"] = "/home/u/.baton", ["BATON_DB"] = "/home/u/.baton/baton \"x\".db" }),
        "t_123",
        2);

    [Theory]
    [InlineData(null, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void For_AnAgentThatTurnedItOff_GetsNoServer(bool? agentMcp, bool expected)
    {
        var task = new Baton.Core.Tasks.TaskRecord
        {
            Id = "t_123",
            Definition = new Baton.Core.Tasks.TaskDefinition { Name = "a", Runner = "claude", WorkingDirectory = "/", Agent = new AgentSpec { Name = "a", AgentMcp = agentMcp } },
            Status = Baton.Core.Tasks.TaskState.Running,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            DueAt = DateTimeOffset.UnixEpoch,
        };
        var context = new Baton.Core.Runners.AttemptContext(task, new Baton.Core.Attempts.AttemptKey("t_123", 1), null!, TimeSpan.Zero, TimeProvider.System, _ => Task.CompletedTask, _ => { });

        Assert.Equal(expected, AgentMcpRun.For(Run.Server, context) is not null);
        Assert.Null(AgentMcpRun.For(null, context));
    }

    [Fact]
    public void CodexForNewSession_WithBaton_AddsServerAsTomlOverrides()
    {
        var args = CodexCommandLine.ForNewSession(agent: null, model: null, Run);

        Assert.Equal(
            [
                "exec", "--json", "--skip-git-repo-check",
                "-c", "mcp_servers.baton.command=\"/opt/baton/baton\"",
                "-c", "mcp_servers.baton.args=[\"mcp\", \"--task\", \"t_123\", \"--attempt\", \"2\"]",
                "-c", "mcp_servers.baton.env={\"BATON_HOME\" = \"/home/u/.baton\", \"BATON_DB\" = \"/home/u/.baton/baton \\\"x\\\".db\"}",
                "-s", "workspace-write", "-",
            ],
            args);
    }

    [Fact]
    public void CodexForResumeAndAppServer_WithBaton_CarryTheSameOverrides()
    {
        var flags = CodexMcpConfig.Flags(Run);

        Assert.Equal(flags, CodexCommandLine.ForResume(null, null, "th-1", Run).Skip(3).Take(6));
        Assert.Equal(["app-server", .. flags], CodexCommandLine.ForAppServer(Run));
        Assert.Equal(["app-server"], CodexCommandLine.ForAppServer());
        Assert.DoesNotContain(CodexCommandLine.ForNewSession(null, null), a => a.StartsWith("mcp_servers", StringComparison.Ordinal));
    }

    [Fact]
    public void ClaudeForNewSession_WithBaton_AddsMcpConfigAndAllowsItsTools()
    {
        var args = ClaudeCommandLine.ForNewSession(agent: null, model: null, "s-1", baton: Run);

        var config = JsonDocument.Parse(Assert.Single(args, a => a.StartsWith("--mcp-config=", StringComparison.Ordinal))["--mcp-config=".Length..]).RootElement;
        var server = config.GetProperty("mcpServers").GetProperty("baton");
        Assert.Equal("/opt/baton/baton", server.GetProperty("command").GetString());
        Assert.Equal(["mcp", "--task", "t_123", "--attempt", "2"], server.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("/home/u/.baton", server.GetProperty("env").GetProperty("BATON_HOME").GetString());
        Assert.Contains("--allowedTools=mcp__baton__context_save,mcp__baton__context_load,mcp__baton__progress_update", args);
    }

    [Fact]
    public void ClaudeForResume_AgentWithTools_AppendsBatonToolsToItsAllowedTools()
    {
        var agent = new AgentSpec { Name = "a", Tools = ["Read", "Bash(git *)"] };

        var args = ClaudeCommandLine.ForResume(agent, null, "s-1", baton: Run);

        Assert.Contains("--allowedTools=Read,Bash(git *),mcp__baton__context_save,mcp__baton__context_load,mcp__baton__progress_update", args);
        Assert.Single(args, a => a.StartsWith("--allowedTools", StringComparison.Ordinal));
    }

    [Fact]
    public void ClaudeForNewSession_WithoutBaton_HasNoMcpConfig()
    {
        var args = ClaudeCommandLine.ForNewSession(new AgentSpec { Name = "a", Tools = ["Read"] }, null, "s-1");

        Assert.DoesNotContain(args, a => a.StartsWith("--mcp-config", StringComparison.Ordinal));
        Assert.Contains("--allowedTools=Read", args);
    }
}
