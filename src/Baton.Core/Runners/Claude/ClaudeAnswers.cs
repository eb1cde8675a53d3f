using System.Text.Json.Nodes;
using Baton.Core.Interactions;

namespace Baton.Core.Runners.Claude;

/// <summary>
/// Turns a person's answer into Claude Code's permission decision. An approval (or a question's answer) allows the
/// call with the same input (a question's input gains <c>answers</c>, keyed by question text, as the CLI reads them);
/// "remember" sends the CLI's own suggestions back as <c>updatedPermissions</c>, scoped to the session so nothing is
/// written into the user's settings files. A denial refuses with the person's message, which the model reads.
/// The CLI's allow decision has no field for a message, so feedback given with an approval goes in as a user
/// message right after it (the model sees it at its next request).
/// </summary>
internal static class ClaudeAnswers
{
    /// <summary>The <c>control_response</c> line answering <paramref name="request"/>.</summary>
    public static string Decision(ClaudePermissionRequest request, InteractionRecord answered)
    {
        var response = answered.Response ?? throw new ArgumentException("the interaction has no answer", nameof(answered));
        if (response.Decision == InteractionDecision.Deny)
        {
            return ClaudeControlLines.Deny(request.RequestId, response.Message is { Length: > 0 } message ? message : DefaultDenial(answered.Ask.Kind));
        }

        var input = request.Input.DeepClone().AsObject();
        if (answered.Ask.Kind == InteractionKind.Question)
        {
            input["answers"] = Answers(answered.Ask, response);
        }

        return ClaudeControlLines.Allow(request.RequestId, input, response.Remember ? ForSession(request.Suggestions) : null);
    }

    /// <summary>The user message that carries feedback given with an approval; null when there is none.</summary>
    public static string? Feedback(InteractionRecord answered) =>
        answered.Response is { Decision: InteractionDecision.Approve, Message: { Length: > 0 } message }
            ? $"Approved ({answered.Ask.Summary}), with this feedback: {message}"
            : null;

    private static string DefaultDenial(InteractionKind kind) => kind switch
    {
        InteractionKind.Question => "Nobody answered these questions; carry on with your best judgement.",
        InteractionKind.PlanApproval => "The user did not approve this plan; keep planning.",
        _ => "The user denied this tool call.",
    };

    private static JsonObject Answers(InteractionAsk ask, InteractionResponse response)
    {
        var answers = new JsonObject();
        foreach (var question in ask.Questions)
        {
            // One free-text answer stands for every question that was not answered on its own.
            var answer = response.Answers.GetValueOrDefault(question.Text) ?? (response.Message is { Length: > 0 } text ? text : null);
            if (answer is not null)
            {
                answers[question.Text] = answer;
            }
        }

        return answers;
    }

    private static JsonArray? ForSession(JsonArray? suggestions)
    {
        if (suggestions is null)
        {
            return null;
        }

        var scoped = new JsonArray();
        foreach (var suggestion in suggestions.OfType<JsonObject>())
        {
            var copy = suggestion.DeepClone().AsObject();
            copy["destination"] = "session";
            scoped.Add(copy);
        }

        return scoped;
    }
}
