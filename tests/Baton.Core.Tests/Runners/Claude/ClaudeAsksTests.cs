using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Interactions;
using Baton.Core.Runners.Claude;

namespace Baton.Core.Tests.Runners.Claude;

/// <summary>Claude Code 2.1.330's <c>can_use_tool</c> requests, byte for byte, read into what a person decides on, and answered.</summary>
public sealed class ClaudeAsksTests
{
    [Fact]
    public void For_CapturedBashRequest_ToolApprovalWithCommandLineSuggestionsAndBlockedPath()
    {
        var request = Request("control-protocol_can-use-tool", 4);

        var ask = ClaudeAsks.For(request, plan: null, ClaudeCaptures.WorkingDirectory);

        Assert.Equal("d230e671-1253-4eb2-a215-88f4d00c22f1", request.RequestId);
        Assert.Equal("toolu_010000AbCdEf", request.ToolUseId);
        Assert.Equal(InteractionKind.ToolApproval, ask.Kind);
        Assert.Equal("Bash: echo hi > out.txt", ask.Summary);
        Assert.Equal("Bash", ask.ToolName);
        Assert.Equal("""{"command":"echo hi > out.txt","description":"Write out.txt"}""", ask.Input);
        Assert.Contains("\"ruleContent\":\"echo hi *\"", ask.Suggestions, StringComparison.Ordinal);
        Assert.Equal("Write out.txt\n\nBlocked path: /home/dev/project/out.txt", ask.Detail);
    }

    [Fact]
    public void For_CapturedExitPlanModeWithEmptyInput_PlanComesFromTheToolUse()
    {
        var ask = ClaudeAsks.For(Request("control-request_plan-mode", 0), "1. Create schema.sql\n2. Run migrations", ClaudeCaptures.WorkingDirectory);

        Assert.Equal(InteractionKind.PlanApproval, ask.Kind);
        Assert.Equal("1. Create schema.sql\n2. Run migrations", ask.Plan);
        Assert.Equal("Plan: 1. Create schema.sql", ask.Summary);
    }

    [Fact]
    public void For_WriteAndEdit_SummaryNamesTheFileAndTheChangeDetailShowsIt()
    {
        var write = ClaudeAsks.For(Request("control-request_plan-mode", 1), null, ClaudeCaptures.WorkingDirectory);
        var edit = ClaudeAsks.For(
            Parse("""{"type":"control_request","request_id":"r","request":{"subtype":"can_use_tool","tool_name":"Edit","input":{"file_path":"/home/dev/project/src/app.py","old_string":"a = 1\n","new_string":"a = 2\nb = 3\n"}}}"""),
            null,
            ClaudeCaptures.WorkingDirectory);

        Assert.Equal("Write <repo>/schema.sql (1 line, 24 bytes)", write.Summary);
        Assert.Contains("+create table t(id int);", write.Detail, StringComparison.Ordinal);
        Assert.Equal("Edit src/app.py (+2 −1)", edit.Summary);
        Assert.Equal("-a = 1\n+a = 2\n+b = 3", edit.Detail);
    }

    [Fact]
    public void For_AskUserQuestion_QuestionWithItsOptions()
    {
        var ask = ClaudeAsks.For(Question(), null, ClaudeCaptures.WorkingDirectory);

        Assert.Equal(InteractionKind.Question, ask.Kind);
        var question = Assert.Single(ask.Questions);
        Assert.Equal("Which database should I use?", question.Text);
        Assert.Equal([new InteractionOption("PostgreSQL", "server"), new InteractionOption("SQLite", "embedded")], question.Options);
    }

    [Fact]
    public void Decision_AnsweredQuestion_AllowsWithTheInputPlusAnswersByQuestionText()
    {
        var request = Question();
        var ask = ClaudeAsks.For(request, null, ClaudeCaptures.WorkingDirectory);

        var line = ClaudeAnswers.Decision(request, Answered(ask, new InteractionResponse
        {
            Decision = InteractionDecision.Answer,
            Answers = new Dictionary<string, string> { ["Which database should I use?"] = "PostgreSQL" },
            RespondedBy = "me",
        }));

        var decision = JsonNode.Parse(line)!["response"]!["response"]!;
        Assert.Equal("allow", (string?)decision["behavior"]);
        Assert.Equal("PostgreSQL", (string?)decision["updatedInput"]!["answers"]!["Which database should I use?"]);
        Assert.NotNull(decision["updatedInput"]!["questions"]);
    }

    [Fact]
    public void Decision_ApprovedWithRemember_SendsTheSuggestionsScopedToTheSession()
    {
        var request = Request("control-protocol_can-use-tool", 4);
        var ask = ClaudeAsks.For(request, null, ClaudeCaptures.WorkingDirectory);

        var line = ClaudeAnswers.Decision(request, Answered(ask, new InteractionResponse { Decision = InteractionDecision.Approve, Remember = true, RespondedBy = "me" }));

        var response = JsonNode.Parse(line)!["response"]!;
        Assert.Equal("success", (string?)response["subtype"]);
        Assert.Equal(request.RequestId, (string?)response["request_id"]);
        var permissions = response["response"]!["updatedPermissions"]!.AsArray();
        Assert.Equal(2, permissions.Count);
        Assert.All(permissions, p => Assert.Equal("session", (string?)p!["destination"]));
        Assert.Equal("echo hi > out.txt", (string?)response["response"]!["updatedInput"]!["command"]);
    }

    [Fact]
    public void Decision_DeniedWithoutMessage_DeniesWithADefaultReason()
    {
        var request = Request("control-protocol_can-use-tool", 4);
        var ask = ClaudeAsks.For(request, null, ClaudeCaptures.WorkingDirectory);

        var line = ClaudeAnswers.Decision(request, Answered(ask, new InteractionResponse { Decision = InteractionDecision.Deny, RespondedBy = "me" }));

        var decision = JsonNode.Parse(line)!["response"]!["response"]!;
        Assert.Equal("deny", (string?)decision["behavior"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)decision["message"]));
    }

    private static ClaudePermissionRequest Request(string capture, int index)
    {
        var path = Path.ChangeExtension(ClaudeCaptures.PathOf("2.1.330", capture), ".jsonl");
        return Parse(File.ReadAllLines(path)[index]);
    }

    private static ClaudePermissionRequest Question() => Parse(
        """{"type":"control_request","request_id":"q1","request":{"subtype":"can_use_tool","tool_name":"AskUserQuestion","input":{"questions":[{"question":"Which database should I use?","header":"Database","options":[{"label":"PostgreSQL","description":"server"},{"label":"SQLite","description":"embedded"}],"multiSelect":false}]},"tool_use_id":"toolu_q"}}""");

    private static ClaudePermissionRequest Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return ClaudePermissionRequest.From(document.RootElement) ?? throw new InvalidOperationException("not a can_use_tool request: " + line);
    }

    private static InteractionRecord Answered(InteractionAsk ask, InteractionResponse response) => new()
    {
        Id = InteractionIds.New(),
        Ask = ask,
        Status = InteractionStatus.Answered,
        Fingerprint = InteractionFingerprint.Of(ask),
        CreatedAt = DateTimeOffset.UnixEpoch,
        Response = response,
    };
}
