using System.Text.Json;
using Baton.Core.Interactions;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Gemini.Acp;

namespace Baton.Core.Tests.Runners.Gemini;

/// <summary>
/// Reading gemini-cli 0.61.0's ACP output, from captures of the real CLI (<c>gemini --acp</c>, approving and
/// rejecting a shell command): progress, the answer, tokens, the permission request as an interaction and the
/// option each answer selects.
/// </summary>
public sealed class GeminiAcpTests
{
    private const string Work = "/tmp/gx/work";

    [Fact]
    public void Apply_ApproveCapture_AnswerIsTheLastTextAndTheStepIsTheCommand()
    {
        var updates = new GeminiAcpUpdates(Work);
        foreach (var message in Messages("acp_approve.jsonl"))
        {
            if (Method(message) == "session/update")
            {
                updates.Apply(message.GetProperty("params").GetProperty("update"));
            }
            else if (Method(message) == "session/request_permission")
            {
                updates.ToolCall(message.GetProperty("params").GetProperty("toolCall"));
            }
        }

        Assert.Equal("Done now.", updates.Text);
        Assert.Equal("run_shell_command: echo hi > out.txt", updates.CurrentStep);
        Assert.Equal(2, updates.Turns);
        Assert.True(updates.CalledTool);
    }

    [Fact]
    public void Add_ApproveCaptureResult_SumsTokensPerModel()
    {
        var usage = new GeminiAcpUsage();
        usage.Add(Messages("acp_approve.jsonl").Last().GetProperty("result"));
        usage.Add(Messages("acp_deny.jsonl").Last().GetProperty("result"));

        Assert.Equal(new ModelUsage(200, 20, 0, 0, null), usage.Models["gemini-3.1-pro-preview"]);
        Assert.Equal(new ModelUsage(400, 40, 0, 0, null), usage.Models["auto"]);
    }

    [Fact]
    public void Ask_PermissionRequest_IsAToolApprovalWithTheCommandAsSummary()
    {
        var ask = GeminiPermissions.Ask(Request("acp_approve.jsonl"), Work);

        Assert.Equal(InteractionKind.ToolApproval, ask.Kind);
        Assert.Equal("echo hi > out.txt", ask.Summary);
        Assert.Equal("run_shell_command", ask.ToolName);
        Assert.Equal("[current working directory /tmp/gx/work] (write)", ask.Detail);
        Assert.DoesNotContain("toolCallId", ask.Input, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_SameRequestInAnotherRun_HasTheSameFingerprint()
    {
        Assert.Equal(
            InteractionFingerprint.Of(GeminiPermissions.Ask(Request("acp_approve.jsonl"), Work)),
            InteractionFingerprint.Of(GeminiPermissions.Ask(Request("acp_deny.jsonl"), Work)));
    }

    [Theory]
    [InlineData(InteractionDecision.Approve, false, "proceed_once")]
    [InlineData(InteractionDecision.Approve, true, "proceed_always")]
    [InlineData(InteractionDecision.Deny, false, "cancel")]
    [InlineData(InteractionDecision.Deny, true, "cancel")]
    public void OptionFor_Decision_SelectsTheOfferedOptionOfTheMatchingKind(InteractionDecision decision, bool remember, string expected)
    {
        var response = new InteractionResponse { Decision = decision, Remember = remember, RespondedBy = "me" };

        Assert.Equal(expected, GeminiPermissions.OptionFor(Request("acp_approve.jsonl"), response));
    }

    [Fact]
    public void OptionFor_RememberWithoutAnAlwaysOption_FallsBackToOnce()
    {
        using var request = JsonDocument.Parse("""{"options":[{"optionId":"proceed_once","name":"Allow","kind":"allow_once"},{"optionId":"cancel","name":"Reject","kind":"reject_once"}]}""");
        var response = new InteractionResponse { Decision = InteractionDecision.Approve, Remember = true, RespondedBy = "me" };

        Assert.Equal("proceed_once", GeminiPermissions.OptionFor(request.RootElement, response));
    }

    [Fact]
    public void Ask_ExitPlanModeRequest_IsAPlanApproval()
    {
        using var request = JsonDocument.Parse(
            """{"sessionId":"s","options":[],"toolCall":{"toolCallId":"exit_plan_mode__exit_plan_mode_1_0","status":"pending","title":"Ready to implement","content":[{"type":"content","content":{"type":"text","text":"1. Add the table"}}],"locations":[],"kind":"other"}}""");

        var ask = GeminiPermissions.Ask(request.RootElement, Work);

        Assert.Equal(InteractionKind.PlanApproval, ask.Kind);
        Assert.Equal("1. Add the table", ask.Plan);
    }

    private static JsonElement Request(string capture) =>
        Messages(capture).Single(m => Method(m) == "session/request_permission").GetProperty("params");

    private static string? Method(JsonElement message) =>
        message.TryGetProperty("method", out var method) ? method.GetString() : null;

    private static List<JsonElement> Messages(string capture) =>
        [.. File.ReadLines(FakeGemini.Capture(capture)).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
}
