using System.Text.Json.Nodes;
using Baton.AgentCli.Tests.Fakes;
using Baton.AgentCli.Tests.Harness;

namespace Baton.AgentCli.Tests.Claude;

/// <summary>The real CLI, headless, through three scripted turns: Write, Bash, final text.</summary>
public sealed class ClaudeToolRunTests(ToolRunFixture fixture) : IClassFixture<ToolRunFixture>
{
    [Fact]
    public void Run_ScriptedWriteTool_CreatesFileWithContent()
    {
        var path = Path.Combine(fixture.Sandbox.Work, "hello.txt");

        Assert.True(File.Exists(path), fixture.Run.ToString());
        Assert.Equal(ToolRunFixture.FileContent, File.ReadAllText(path));
    }

    [Fact]
    public void Run_NewSessionId_ExitsZeroAndFirstLineIsInitWithThatSession()
    {
        var init = fixture.Run.Init;

        Assert.Equal(0, fixture.Run.ExitCode);
        Assert.Equal("system", (string?)init["type"]);
        Assert.Equal("init", (string?)init["subtype"]);
        Assert.Equal(fixture.SessionId, (string?)init["session_id"]);
        Assert.Equal(fixture.Sandbox.Work, (string?)init["cwd"]);
        Assert.Equal("bypassPermissions", (string?)init["permissionMode"]);
        Assert.Equal("ANTHROPIC_API_KEY", (string?)init["apiKeySource"]);
    }

    [Fact]
    public void Run_PinnedInstall_ReportsPinnedVersion()
    {
        Assert.Equal(ClaudeCli.PinnedVersion, (string?)fixture.Run.Init["claude_code_version"]);
    }

    [Fact]
    public void Run_ThreeScriptedTurns_LastLineIsSuccessResultWithFinalText()
    {
        var result = fixture.Run.Result;

        Assert.Equal("result", (string?)result["type"]);
        Assert.Equal("success", (string?)result["subtype"]);
        Assert.False((bool)result["is_error"]!);
        Assert.Equal(ToolRunFixture.FinalText, (string?)result["result"]);
        Assert.Equal(fixture.SessionId, (string?)result["session_id"]);
        Assert.Equal(3, (int)result["num_turns"]!);
        Assert.True((double)result["total_cost_usd"]! > 0);
        Assert.IsType<JsonObject>(result["modelUsage"]);
        Assert.NotEmpty(result["modelUsage"]!.AsObject());
    }

    [Fact]
    public void Run_ScriptedUsage_ResultUsageSumsTheThreeTurns()
    {
        var usage = fixture.Run.Result["usage"]!;

        Assert.Equal(1000 + 1100 + 1200, (int)usage["input_tokens"]!);
        Assert.Equal(40 + 30 + 20, (int)usage["output_tokens"]!);
    }

    [Fact]
    public void Run_ScriptedToolTurns_EmitsAssistantToolUseAndUserToolResultLines()
    {
        var toolUses = fixture.Run.OfType("assistant")
            .SelectMany(line => line["message"]!["content"]!.AsArray())
            .Where(block => (string?)block!["type"] == "tool_use")
            .Select(block => (string?)block!["name"])
            .ToList();
        var bashResult = fixture.Run.OfType("user").Select(line => line["tool_use_result"]).OfType<JsonObject>()
            .Single(toolResult => toolResult.ContainsKey("stdout"));

        Assert.Equal(["Write", "Bash"], toolUses);
        Assert.Equal(ToolRunFixture.FileContent.TrimEnd('\n'), (string?)bashResult["stdout"]);
    }

    [Fact]
    public void Run_BashTool_SendsCommandOutputBackInLaterRequest()
    {
        var turns = fixture.Server.Turns;

        Assert.Equal(3, turns.Count);
        Assert.Contains(turns[2].ToolResults, result => result.Content == ToolRunFixture.FileContent.TrimEnd('\n'));
        Assert.Equal(0, fixture.Server.RemainingTurns);
    }

    [Fact]
    public void Run_LoopbackOnlyEnvironment_MakesNoSideRequests()
    {
        Assert.All(fixture.Server.Requests, request => Assert.Equal(RequestKind.Turn, request.Kind));
        Assert.All(fixture.Server.Turns, request => Assert.True(request.Stream, request.ToString()));
    }

    [Fact]
    public void Run_NewSession_SavesTranscriptUnderIsolatedHome()
    {
        Assert.True(File.Exists(fixture.Sandbox.TranscriptPath(fixture.SessionId)), fixture.Sandbox.TranscriptPath(fixture.SessionId));
    }
}
