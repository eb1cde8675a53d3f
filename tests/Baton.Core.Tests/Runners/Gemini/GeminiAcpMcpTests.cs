using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Gemini.Acp;

namespace Baton.Core.Tests.Runners.Gemini;

/// <summary>
/// Baton's own MCP server in gemini-cli 0.61.0's ACP sessions: the <c>mcpServers</c> entry of <c>session/new</c> and
/// <c>session/load</c>, and which permission requests are for Baton's tools (approved by Baton, never asked of a
/// person). The requests are shaped as gemini 0.61.0 sends them for an MCP tool: the call id starts with the model's
/// function name and <c>__</c>, the title is <c>TOOL (SERVER MCP Server)</c>, the content the arguments as JSON.
/// </summary>
public sealed class GeminiAcpMcpTests
{
    private static readonly AgentMcpServer Server = new(
        "/usr/bin/dotnet",
        ["/opt/baton/baton.dll"],
        new Dictionary<string, string>(StringComparer.Ordinal) { ["BATON_HOME"] = "/srv/baton", ["BATON_DB"] = "/srv/baton/baton.db" });

    [Fact]
    public void For_BatonServer_IsOneStdioServerWithTheRunnersArgumentsAndEnvAsNameValuePairs()
    {
        var servers = GeminiMcpServers.For(new AgentMcpRun(Server, "task7", 3));

        Assert.Equal(
            """[{"name":"baton","command":"/usr/bin/dotnet","args":["/opt/baton/baton.dll","mcp","--task","task7","--attempt","3"],"env":[{"name":"BATON_HOME","value":"/srv/baton"},{"name":"BATON_DB","value":"/srv/baton/baton.db"}]}]""",
            servers.ToJsonString());
    }

    [Fact]
    public void For_SameRunAsClaude_HasTheSameCommandAndArguments()
    {
        var run = new AgentMcpRun(Server, "task7", 3);
        var claude = JsonNode.Parse(Baton.Core.Runners.Claude.ClaudeMcpConfig.Json(run))!["mcpServers"]!["baton"]!;

        var gemini = GeminiMcpServers.For(run)[0]!;

        Assert.Equal(claude["command"]!.ToJsonString(), gemini["command"]!.ToJsonString());
        Assert.Equal(claude["args"]!.ToJsonString(), gemini["args"]!.ToJsonString());
    }

    [Fact]
    public void For_NoServer_IsAnEmptyList()
    {
        Assert.Equal("[]", GeminiMcpServers.For(null).ToJsonString());
    }

    [Theory]
    [InlineData("context_save", """{"current_task":"port the parser","next_steps":["run the command"]}""")]
    [InlineData("progress_update", """{"percent":40,"step":"writing tests"}""")]
    [InlineData("context_load", "{}")]
    [InlineData("context_save", "[Payload omitted due to length with parameters: current_task, completed_steps, next_steps]")]
    public void BatonTool_RequestForBatonsTool_IsThatTool(string tool, string arguments)
    {
        using var request = Request($"mcp_baton_{tool}__mcp_baton_{tool}_1796597637701_0", $"{tool} ({AgentMcpServer.Name} MCP Server)", arguments);

        Assert.Equal(tool, GeminiPermissions.BatonTool(request.RootElement));
    }

    [Fact]
    public void BatonTool_SameFunctionNameFromAnotherServer_IsNull()
    {
        // A server named baton_context with a tool named save is also mcp_baton_context_save to the model.
        using var request = Request("mcp_baton_context_save__mcp_baton_context_save_1_0", "save (baton_context MCP Server)", "{}");

        Assert.Null(GeminiPermissions.BatonTool(request.RootElement));
    }

    [Theory]
    [InlineData("""{"command":"context_save (baton MCP Server)"}""")]
    [InlineData("[Payload omitted due to length with parameters: command, path]")]
    public void BatonTool_TitleTakenFromACommandArgument_IsNull(string arguments)
    {
        using var request = Request("mcp_baton_context_save__mcp_baton_context_save_1_0", "context_save (baton MCP Server)", arguments);

        Assert.Null(GeminiPermissions.BatonTool(request.RootElement));
    }

    [Theory]
    [InlineData("mcp_baton_context_saver__mcp_baton_context_saver_1_0", "context_save (baton MCP Server)")]
    [InlineData("mcp_other_context_save__x", "context_save (baton MCP Server)")]
    [InlineData("mcp_baton_context_save__x", "context_save")]
    [InlineData("run_shell_command__run_shell_command_1_0", "context_save (baton MCP Server)")]
    public void BatonTool_NameOrTitleOff_IsNull(string callId, string title)
    {
        using var request = Request(callId, title, "{}");

        Assert.Null(GeminiPermissions.BatonTool(request.RootElement));
    }

    [Fact]
    public void BatonTool_ShellCommandCapture_IsNull()
    {
        var request = File.ReadLines(FakeGemini.Capture("acp_approve.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .Single(m => m.TryGetProperty("method", out var method) && method.GetString() == "session/request_permission");

        Assert.Null(GeminiPermissions.BatonTool(request.GetProperty("params")));
    }

    private static JsonDocument Request(string callId, string title, string arguments)
    {
        var request = new JsonObject
        {
            ["sessionId"] = "s",
            ["options"] = JsonNode.Parse(
                """[{"optionId":"proceed_always_server","name":"Allow all server tools for this session","kind":"allow_always"},"""
                + """{"optionId":"proceed_always_tool","name":"Allow tool for this session","kind":"allow_always"},"""
                + """{"optionId":"proceed_once","name":"Allow","kind":"allow_once"},{"optionId":"cancel","name":"Reject","kind":"reject_once"}]"""),
            ["toolCall"] = new JsonObject
            {
                ["toolCallId"] = callId,
                ["status"] = "pending",
                ["title"] = title,
                ["content"] = new JsonArray(new JsonObject
                {
                    ["type"] = "content",
                    ["content"] = new JsonObject { ["type"] = "text", ["text"] = arguments },
                }),
                ["locations"] = new JsonArray(),
                ["kind"] = "other",
            },
        };
        return JsonDocument.Parse(request.ToJsonString());
    }
}
