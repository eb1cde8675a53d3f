using System.Text;
using Baton.Core.Runners.Gemini;

namespace Baton.Core.Tests.Runners.Gemini;

public sealed class GeminiStreamParserTests
{
    [Fact]
    public void Consume_TextBeforeAndAfterATool_AnswerIsTheLastRunOfChunks()
    {
        var parser = Parse(
            """{"type":"init","session_id":"s","model":"auto"}""",
            """{"type":"message","role":"user","content":"go"}""",
            """{"type":"message","role":"assistant","content":"Let me ","delta":true}""",
            """{"type":"message","role":"assistant","content":"look.","delta":true}""",
            """{"type":"tool_use","tool_name":"run_shell_command","tool_id":"t1","parameters":{"command":"ls -la"}}""",
            """{"type":"tool_result","tool_id":"t1","status":"success","output":"a b"}""",
            """{"type":"message","role":"assistant","content":"Found ","delta":true}""",
            """{"type":"message","role":"assistant","content":"a and b.","delta":true}""");

        Assert.Equal("Found a and b.", parser.Text);
        Assert.Equal("run_shell_command: ls -la", parser.CurrentStep);
        Assert.Equal(2, parser.Turns);
        Assert.Equal("auto", parser.Model);
    }

    [Fact]
    public void Consume_NoModelsInStats_TokensUnderTheInitModel()
    {
        var parser = Parse(
            """{"type":"init","session_id":"s","model":"gemini-2.5-pro"}""",
            """{"type":"result","status":"success","stats":{"total_tokens":130,"input_tokens":100,"output_tokens":30,"cached":40}}""");

        var details = GeminiResultReader.Read(parser, "gemini");

        Assert.Equal(new Baton.Core.Runners.Agents.ModelUsage(60, 30, 40, 0, null), details.Models["gemini-2.5-pro"]);
    }

    private static GeminiStreamParser Parse(params string[] lines)
    {
        var parser = new GeminiStreamParser("/w");
        foreach (var line in lines)
        {
            parser.Consume(Encoding.UTF8.GetBytes(line));
        }

        return parser;
    }
}
