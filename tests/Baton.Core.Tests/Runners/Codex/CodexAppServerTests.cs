using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Interactions;
using Baton.Core.Runners.Codex;

namespace Baton.Core.Tests.Runners.Codex;

/// <summary>
/// <c>codex app-server</c> output, captured from the real CLI 0.169.0 (a command approved by the client, and a model
/// API 400), read by the same parser and transcript as <c>codex exec</c>; and people's answers written as the
/// protocol's replies.
/// </summary>
public sealed class CodexAppServerTests
{
    [Fact]
    public void Consume_ApprovalCapture_ReadsThreadAnswerAndTheThreadsTokenTotal()
    {
        var parser = Parse("app-server_approval.jsonl");

        Assert.Equal(ThreadOf("app-server_approval.jsonl"), parser.SessionId);
        Assert.True(parser.Completed);
        Assert.Null(parser.Failure);
        Assert.Equal("Done.", parser.LastMessage);
        Assert.Equal(2, parser.Turns);
        Assert.Equal(0, parser.MalformedLines);
        Assert.Equal(6100, parser.Usage!.Value.GetProperty("input_tokens").GetInt64());
        Assert.Equal(2048, parser.Usage.Value.GetProperty("cached_input_tokens").GetInt64());
        Assert.Equal(90, parser.Usage.Value.GetProperty("output_tokens").GetInt64());
        Assert.Equal("Bash: echo approved-output > out.txt; cat out.txt", parser.CurrentStep);
    }

    [Fact]
    public void Consume_Api400Capture_FailsWithTheApiErrorNotRetryable()
    {
        var parser = Parse("app-server_api-400.jsonl");

        Assert.False(parser.Completed);
        Assert.Equal("turn.failed", parser.EndEvent);
        Assert.Equal("Unsupported parameter: foo (invalid_request_error)", CodexResultReader.Describe(parser.Failure!));
        Assert.False(CodexResultReader.IsRetryable(parser.Failure!));
    }

    [Fact]
    public void Render_ApprovalCapture_ShowsTheRequestTheCommandAndTheAnswer()
    {
        var lines = Render("app-server_approval.jsonl");

        Assert.Equal(
            [
                $"── thread {ThreadOf("app-server_approval.jsonl")}",
                "!! Model metadata for `gpt-5.1-codex` not found. Defaulting to fallback metadata; this can degrade performance and cause issues.",
                "  → Bash: echo approved-output > out.txt; cat out.txt",
                "?? approve? Bash: echo approved-output > out.txt; cat out.txt",
                "  ← approved-output",
                "assistant: Done.",
                "── turn completed",
            ],
            lines);
    }

    [Fact]
    public void Render_Api400Capture_ShowsTheErrorAndTheFailedTurn()
    {
        var lines = Render("app-server_api-400.jsonl");

        Assert.Equal("!! error: Unsupported parameter: foo (invalid_request_error)", lines[^2]);
        Assert.Equal("── turn failed: Unsupported parameter: foo (invalid_request_error)", lines[^1]);
    }

    [Theory]
    [InlineData(false, "\"accept\"")]
    [InlineData(true, """{"acceptWithExecpolicyAmendment":{"execpolicy_amendment":["/bin/bash","-lc","echo approved-output > out.txt; cat out.txt"]}}""")]
    public void Reply_ApprovedCommand_AcceptsOrRemembersTheProposedRule(bool remember, string decision)
    {
        var request = Request("app-server_approval.jsonl");

        var reply = CodexRequests.Reply(CodexRequests.CommandApproval, request, Answer(InteractionDecision.Approve, remember: remember));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(decision), reply["decision"]), reply.ToJsonString());
    }

    [Fact]
    public void Reply_RememberWhereSessionIsOffered_AcceptsForTheSession()
    {
        using var request = JsonDocument.Parse("""{"command":"ls","availableDecisions":["accept","acceptForSession","decline","cancel"]}""");

        var reply = CodexRequests.Reply(CodexRequests.CommandApproval, request.RootElement, Answer(InteractionDecision.Approve, remember: true));

        Assert.Equal("\"acceptForSession\"", reply["decision"]!.ToJsonString());
    }

    [Fact]
    public void Reply_DeniedWithAMessage_DeclinesAndTellsTheAgentWhy()
    {
        var request = Request("app-server_approval.jsonl");
        var answer = Answer(InteractionDecision.Deny, message: "not here");

        Assert.Equal("\"decline\"", CodexRequests.Reply(CodexRequests.CommandApproval, request, answer)["decision"]!.ToJsonString());
        Assert.Equal("I denied that request: not here", CodexRequests.Feedback(CodexRequests.CommandApproval, answer));
        Assert.Null(CodexRequests.Feedback(CodexRequests.CommandApproval, Answer(InteractionDecision.Deny)));
    }

    [Fact]
    public void Reply_QuestionAnswered_MapsAnswersByQuestionTextToTheirIds()
    {
        using var request = JsonDocument.Parse(
            """{"questions":[{"id":"db","header":"Database","question":"Which database?","isOther":true,"isSecret":false,"options":[{"label":"PostgreSQL","description":"Robust"},{"label":"SQLite","description":"Simple"}]}]}""");
        var byText = Answer(InteractionDecision.Answer) with { Answers = new Dictionary<string, string> { ["Which database?"] = "SQLite" } };

        Assert.Equal("""{"answers":{"db":{"answers":["SQLite"]}}}""", CodexRequests.Reply(CodexRequests.UserInput, request.RootElement, byText).ToJsonString());
        Assert.Equal(
            """{"answers":{"db":{"answers":["use both"]}}}""",
            CodexRequests.Reply(CodexRequests.UserInput, request.RootElement, Answer(InteractionDecision.Answer, message: "use both")).ToJsonString());
        Assert.Equal("""{"answers":{}}""", CodexRequests.Reply(CodexRequests.UserInput, request.RootElement, Answer(InteractionDecision.Deny)).ToJsonString());
    }

    [Fact]
    public void Ask_CommandApproval_KeepsOnlyWhatARestartedSessionAsksAgain()
    {
        var request = Request("app-server_approval.jsonl");

        var ask = CodexRequests.Ask(CodexRequests.CommandApproval, request, default, "/tmp/cx/work");

        Assert.Equal(InteractionKind.ToolApproval, ask.Kind);
        Assert.Equal("Bash: echo approved-output > out.txt; cat out.txt", ask.Summary);
        var input = JsonNode.Parse(ask.Input!)!;
        Assert.Equal("/bin/bash -lc 'echo approved-output > out.txt; cat out.txt'", (string?)input["command"]);
        Assert.Equal("/tmp/cx/work", (string?)input["cwd"]);
        Assert.Equal(2, input.AsObject().Count);
        Assert.Equal("in /tmp/cx/work", ask.Detail);
        Assert.DoesNotContain(request.GetProperty("threadId").GetString()!, ask.Input, StringComparison.Ordinal);
        Assert.DoesNotContain(request.GetProperty("turnId").GetString()!, ask.Input, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "untrusted", "workspace-write")]
    [InlineData("default", "untrusted", "workspace-write")]
    [InlineData("acceptEdits", "on-request", "workspace-write")]
    [InlineData("plan", "untrusted", "read-only")]
    [InlineData("dontAsk", "never", "workspace-write")]
    [InlineData("bypassPermissions", "never", "danger-full-access")]
    [InlineData("never", "never", "workspace-write")]
    public void ApprovalPolicy_PermissionMode_AsksUnlessPreAllowed(string? mode, string policy, string sandbox)
    {
        Assert.Equal(policy, CodexCommandLine.ApprovalPolicy(mode));
        Assert.Equal(sandbox, CodexCommandLine.SandboxMode(mode));
    }

    private static InteractionResponse Answer(InteractionDecision decision, bool remember = false, string? message = null) =>
        new() { Decision = decision, Remember = remember, Message = message, RespondedBy = "test" };

    private static CodexStreamParser Parse(string capture)
    {
        var parser = new CodexStreamParser("/tmp/cx/work");
        foreach (var line in File.ReadAllLines(FakeCodex.Capture(capture)))
        {
            parser.Consume(Encoding.UTF8.GetBytes(line));
        }

        return parser;
    }

    private static List<string> Render(string capture) =>
        [.. File.ReadAllLines(FakeCodex.Capture(capture)).SelectMany(line => CodexTranscript.Render(line, "/tmp/cx/work"))];

    private static string ThreadOf(string capture) => Parse(capture).SessionId!;

    private static JsonElement Request(string capture) =>
        File.ReadAllLines(FakeCodex.Capture(capture))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Single(root => root.TryGetProperty("method", out var m) && m.GetString() == CodexRequests.CommandApproval)
            .GetProperty("params");
}
