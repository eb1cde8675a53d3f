using System.Text;
using Baton.Core.Runners.Claude;

namespace Baton.Core.Tests.Runners.Claude;

public sealed class ClaudeStreamParserTests
{
    [Theory]
    [InlineData("2.0.76", "c5946680-815a-4d37-9440-7e4195aea119", 0.0171)]
    [InlineData("2.1.330", "99a4f191-2f96-4922-bf34-46165fcdfa6d", 0.0114)]
    public void Consume_ToolRunCapture_SessionStepTurnsAndSuccessfulResult(string version, string sessionId, double cost)
    {
        var parser = ClaudeCaptures.Parse(version, "stream-json_tool-run");
        var details = ClaudeResultReader.Read(parser);

        Assert.Equal(sessionId, parser.SessionId);
        Assert.Equal("Bash: cat hello.txt", parser.CurrentStep);
        Assert.Equal(2, parser.Turns);
        Assert.Equal(0, parser.MalformedLines);
        Assert.True(ClaudeResultReader.Succeeded(parser.Result!.Value));
        Assert.Equal("The file contains: hello world", Baton.Core.Runners.Agents.JsonFields.Text(parser.Result!.Value, "result"));
        Assert.Equal(sessionId, details.SessionId);
        Assert.Equal(2, details.Turns);
        Assert.Equal((decimal)cost, decimal.Round(details.CostUsd!.Value, 4));
        Assert.NotEmpty(details.Models);
        Assert.All(details.Models.Values, usage => Assert.True(usage.InputTokens > 0 && usage.OutputTokens > 0));
        Assert.Empty(details.PermissionDenials);
    }

    [Fact]
    public void Consume_ToolRun2_0_76_CountsEveryModelIncludingSideCalls()
    {
        var details = ClaudeResultReader.Read(ClaudeCaptures.Parse("2.0.76", "stream-json_tool-run"));

        Assert.Equal(["claude-haiku-4-5-20251001", "claude-sonnet-4-5-20250929"], details.Models.Keys.Order());
        Assert.Equal(3600, details.Models["claude-sonnet-4-5-20250929"].InputTokens);
        Assert.Equal(135, details.Models["claude-haiku-4-5-20251001"].OutputTokens);
    }

    [Theory]
    [InlineData("2.0.76")]
    [InlineData("2.1.330")]
    public void Consume_Api400Capture_ErrorResultIsNotASuccessEvenWithSubtypeSuccess(string version)
    {
        var parser = ClaudeCaptures.Parse(version, "stream-json_api-400");
        var result = parser.Result!.Value;

        Assert.Equal("success", Baton.Core.Runners.Agents.JsonFields.Text(result, "subtype"));
        Assert.False(ClaudeResultReader.Succeeded(result));
        Assert.StartsWith("API Error: 400", ClaudeResultReader.DescribeFailure(result), StringComparison.Ordinal);
        Assert.True(ClaudeResultReader.Read(parser).IsError);
    }

    [Fact]
    public void Read_Api400Capture2_1_330_KeepsTheHttpStatus() =>
        Assert.Equal(400, ClaudeResultReader.Read(ClaudeCaptures.Parse("2.1.330", "stream-json_api-400")).ApiErrorStatus);

    [Theory]
    [InlineData("2.0.76", "the agent reached its maximum number of turns before finishing")]
    [InlineData("2.1.330", "Reached maximum number of turns (1)")]
    public void Consume_MaxTurnsCapture_FailsWithAMessageEvenWhenIsErrorIsFalse(string version, string message)
    {
        var parser = ClaudeCaptures.Parse(version, "stream-json_max-turns-1");

        Assert.False(ClaudeResultReader.Succeeded(parser.Result!.Value));
        Assert.Equal(message, ClaudeResultReader.DescribeFailure(parser.Result!.Value));
        Assert.Equal("error_max_turns", ClaudeResultReader.Read(parser).Subtype);
    }

    [Fact]
    public void Read_PermissionDeniedCapture_ListsTheDeniedToolCall()
    {
        var details = ClaudeResultReader.Read(ClaudeCaptures.Parse("2.1.330", "stream-json_permission-denied"));

        var denial = Assert.Single(details.PermissionDenials);
        Assert.Equal("Bash", denial.ToolName);
        Assert.Contains("echo hi > out.txt", denial.Input, StringComparison.Ordinal);
    }

    [Fact]
    public void Consume_401RetriesCapture_CountsApiRetriesAndHasNoResult()
    {
        var parser = ClaudeCaptures.Parse("2.1.330", "stream-json_401-retries_truncated");

        Assert.True(parser.ApiRetries >= 9);
        Assert.Equal(parser.ApiRetries, parser.Progress.ApiRetries);
        Assert.Null(parser.Result);
    }

    [Fact]
    public void Consume_SigintDuringBashCapture_ErrorDuringExecutionIsAFailure()
    {
        var parser = ClaudeCaptures.Parse("2.1.330", "stream-json_SIGINT-during-bash");

        Assert.Equal("Bash: bash slow.sh", parser.CurrentStep);
        Assert.False(ClaudeResultReader.Succeeded(parser.Result!.Value));
        Assert.Equal("error_during_execution", ClaudeResultReader.Read(parser).Subtype);
    }

    [Fact]
    public void Consume_PartialMessagesCapture_IgnoresStreamEventsAndSucceeds()
    {
        var parser = ClaudeCaptures.Parse("2.1.330", "stream-json_include-partial-messages");

        Assert.Equal(1, parser.Turns);
        Assert.Equal(0, parser.MalformedLines);
        Assert.True(ClaudeResultReader.Succeeded(parser.Result!.Value));
    }

    [Fact]
    public void Consume_MalformedLineAmongGoodOnes_IsCountedAndSkipped()
    {
        var capture = File.ReadAllText(ClaudeCaptures.PathOf("2.1.330", "stream-json_tool-run"));
        var lines = capture.Split('\n');
        var damaged = string.Join('\n', lines.Take(2).Append("this is not json {").Append("[1,2]").Concat(lines.Skip(2)));

        var parser = ClaudeCaptures.Parse(Encoding.UTF8.GetBytes(damaged));

        Assert.Equal(2, parser.MalformedLines);
        Assert.True(ClaudeResultReader.Succeeded(parser.Result!.Value));
    }

    [Fact]
    public void Consume_CaptureInOneByteChunks_SameResultAsWholeLines()
    {
        var bytes = File.ReadAllBytes(ClaudeCaptures.PathOf("2.1.330", "stream-json_tool-run"));

        var parser = ClaudeCaptures.Parse(bytes, chunkSize: 1);

        Assert.Equal("99a4f191-2f96-4922-bf34-46165fcdfa6d", parser.SessionId);
        Assert.True(ClaudeResultReader.Succeeded(parser.Result!.Value));
    }

    [Fact]
    public void Consume_OutputWithNoResultLine_LeavesResultEmpty()
    {
        var capture = File.ReadAllLines(ClaudeCaptures.PathOf("2.1.330", "stream-json_tool-run"));

        var parser = ClaudeCaptures.Parse(Encoding.UTF8.GetBytes(string.Join('\n', capture[..^1]) + "\n"));

        Assert.Null(parser.Result);
        Assert.Equal("Bash: cat hello.txt", parser.CurrentStep);
    }
}
