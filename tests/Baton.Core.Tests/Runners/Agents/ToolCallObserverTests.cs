using System.Text;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Codex;
using Baton.Core.Runners.Gemini;

namespace Baton.Core.Tests.Runners.Agents;

/// <summary>Each CLI's stream parser tells the tool-call observer of a call when it is made and of its end when the result comes.</summary>
public sealed class ToolCallObserverTests
{
    [Fact]
    public void ClaudeConsume_ToolUseThenErrorResult_StartedThenEndedFailed()
    {
        var calls = new RecordingToolCalls();
        var parser = new ClaudeStreamParser("/work", calls);

        Feed(parser.Consume,
            """{"type":"assistant","message":{"id":"m1","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"}}]}}""",
            """{"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_1","type":"tool_result","content":"no such file","is_error":true}]}}""");

        Assert.Equal(["start toolu_1 Bash", "end toolu_1 failed"], calls.Seen);
    }

    [Fact]
    public void CodexConsume_CommandAndFileChange_StartedAndEndedWithExitCodes()
    {
        var calls = new RecordingToolCalls();
        var parser = new CodexStreamParser("/work", calls);

        Feed(parser.Consume,
            """{"type":"item.started","item":{"id":"item_0","type":"command_execution","command":"false","status":"in_progress"}}""",
            """{"type":"item.completed","item":{"id":"item_0","type":"command_execution","command":"false","exit_code":1,"status":"failed"}}""",
            """{"type":"item.completed","item":{"id":"item_1","type":"file_change","changes":[],"status":"completed"}}""",
            """{"type":"item.completed","item":{"id":"item_2","type":"agent_message","text":"done"}}""");

        Assert.Equal(["start item_0 command_execution", "end item_0 failed", "start item_1 file_change", "end item_1 ok"], calls.Seen);
    }

    [Fact]
    public void GeminiConsume_ToolUseAndSuccess_StartedThenEndedOk()
    {
        var calls = new RecordingToolCalls();
        var parser = new GeminiStreamParser("/work", calls);

        Feed(parser.Consume,
            """{"type":"tool_use","tool_name":"read_file","tool_id":"t1","parameters":{"file_path":"a"}}""",
            """{"type":"tool_result","tool_id":"t1","status":"success","output":""}""");

        Assert.Equal(["start t1 read_file", "end t1 ok"], calls.Seen);
    }

    private static void Feed(Func<ReadOnlySpan<byte>, bool> consume, params string[] lines)
    {
        foreach (var line in lines)
        {
            consume(Encoding.UTF8.GetBytes(line));
        }
    }

    private sealed class RecordingToolCalls : IToolCallObserver
    {
        public List<string> Seen { get; } = [];

        public void Started(string callId, string toolName) => Seen.Add($"start {callId} {toolName}");

        public void Ended(string callId, bool failed) => Seen.Add($"end {callId} {(failed ? "failed" : "ok")}");
    }
}
