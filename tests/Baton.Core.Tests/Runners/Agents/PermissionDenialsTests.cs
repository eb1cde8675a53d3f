using Baton.Core.Application.Views;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Claude;
using Baton.Core.Tasks;
using Baton.Core.Tests.Runners.Claude;

namespace Baton.Core.Tests.Runners.Agents;

/// <summary>The line that tells a completion with refused tool calls from a clean success, and the views that carry it.</summary>
public sealed class PermissionDenialsTests
{
    [Fact]
    public void Describe_None_IsNull()
    {
        Assert.Null(PermissionDenials.Describe([]));
    }

    [Fact]
    public void Describe_CapturedClaudeResult_NamesTheToolAndItsCommand()
    {
        var details = ClaudeResultReader.Read(ClaudeCaptures.Parse("2.1.330", "stream-json_permission-denied"));

        Assert.Equal("1 tool call refused: Bash `echo hi > out.txt`", PermissionDenials.Describe(details.PermissionDenials));
    }

    [Fact]
    public void Describe_SeveralCalls_ShowsThreeAndCountsTheRest()
    {
        PermissionDenial[] denials =
        [
            new("Bash", """{"command":"rm -rf build"}"""),
            new("Write", """{"file_path":"/work/a.txt","content":"x"}"""),
            new("WebFetch", """{"url":"https://example.invalid/","prompt":"read"}"""),
            new("Bash", """{"command":"make"}"""),
        ];

        var line = PermissionDenials.Describe(denials);

        Assert.Equal("4 tool calls refused: Bash `rm -rf build`, Write `/work/a.txt`, WebFetch `https://example.invalid/` (+1 more)", line);
    }

    [Fact]
    public void Describe_UnknownInputLongOrMultiline_IsClippedToOneLine()
    {
        var line = PermissionDenials.Describe([new("Bash", $$"""{"command":"echo `a`\n{{new string('x', 200)}}"}""")])!;

        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("1 tool call refused: Bash `echo 'a' xxx", line, StringComparison.Ordinal);
        Assert.EndsWith("...`", line, StringComparison.Ordinal);
        Assert.Equal("1 tool call refused: mcp__db__drop `{\"table\":\"users\"}`", PermissionDenials.Describe([new("mcp__db__drop", """{"table":"users"}""")]));
    }

    [Fact]
    public void TaskView_CompletedTaskWithRefusals_CarriesTheDenialsAndTheNotice()
    {
        var task = new TaskRecord
        {
            Id = "abcd1234efgh",
            Definition = new TaskDefinition { Name = "write", Runner = "claude", WorkingDirectory = "/tmp" },
            Status = TaskState.Completed,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            DueAt = DateTimeOffset.UnixEpoch,
            PermissionDenials = [new("Bash", """{"command":"echo hi > out.txt"}""")],
            Notice = "1 tool call refused: Bash `echo hi > out.txt`",
        };

        var view = Views.Of(task);
        using var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(view, ViewJsonContext.Default.TaskView));

        var denial = Assert.Single(json.RootElement.GetProperty("permission_denials").EnumerateArray());
        Assert.Equal("Bash", denial.GetProperty("tool_name").GetString());
        Assert.Equal("1 tool call refused: Bash `echo hi > out.txt`", json.RootElement.GetProperty("notice").GetString());
    }
}
