using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Interactions;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// What <c>codex app-server</c> asks a person (a command or a file change to approve, questions to answer), read as
/// an <see cref="InteractionAsk"/>, and a person's answer written back as the protocol's reply. The ask's input holds
/// only what stays the same when a resumed session asks again (no thread, turn or item ids), so the interaction's
/// fingerprint matches across a restart.
/// </summary>
internal static class CodexRequests
{
    public const string CommandApproval = "item/commandExecution/requestApproval";
    public const string FileChangeApproval = "item/fileChange/requestApproval";
    public const string UserInput = "item/tool/requestUserInput";

    /// <summary>Whether Baton asks a person about <paramref name="method"/>; other requests are refused.</summary>
    public static bool IsForPerson(string method) => method is CommandApproval or FileChangeApproval or UserInput;

    /// <summary>A line for the transcript.</summary>
    public static string Describe(string method, JsonElement parameters) => method switch
    {
        CommandApproval => "approve? " + CommandSummary(parameters),
        FileChangeApproval => "approve? a file change" + (JsonFields.Text(parameters, "reason") is { Length: > 0 } reason ? ": " + reason : string.Empty),
        UserInput => "question: " + string.Join(" / ", Questions(parameters).Select(q => q.Text)),
        _ => method,
    };

    /// <summary>
    /// The ask for a request. <paramref name="item"/> is the item the request is about, as <c>item/started</c>
    /// announced it (a file change's paths and diffs are there, not in the request).
    /// </summary>
    public static InteractionAsk Ask(string method, JsonElement parameters, JsonElement item, string workingDirectory) => method switch
    {
        CommandApproval => new InteractionAsk
        {
            Kind = InteractionKind.ToolApproval,
            Summary = CommandSummary(parameters),
            ToolName = "commandExecution",
            Input = new JsonObject
            {
                ["command"] = JsonFields.Text(parameters, "command") ?? JsonFields.Text(item, "command"),
                ["cwd"] = JsonFields.Text(parameters, "cwd"),
            }.ToJsonString(),
            Suggestions = Raw(JsonFields.Child(parameters, "proposedExecpolicyAmendment")),
            Detail = Lines(JsonFields.Text(parameters, "reason"), JsonFields.Text(parameters, "cwd") is { } cwd ? "in " + cwd : null),
        },
        FileChangeApproval => new InteractionAsk
        {
            Kind = InteractionKind.ToolApproval,
            Summary = FileChangeSummary(item, workingDirectory),
            ToolName = "fileChange",
            Input = Raw(JsonFields.Child(item, "changes")) ?? "[]",
            Detail = Lines(JsonFields.Text(parameters, "reason"), Diffs(item, workingDirectory)),
        },
        _ => QuestionAsk(parameters),
    };

    /// <summary>The reply to a request, from a person's answer.</summary>
    public static JsonObject Reply(string method, JsonElement parameters, InteractionResponse answer) => method switch
    {
        CommandApproval => new JsonObject { ["decision"] = CommandDecision(parameters, answer) },
        FileChangeApproval => new JsonObject
        {
            ["decision"] = answer.Decision == InteractionDecision.Approve ? (answer.Remember ? "acceptForSession" : "accept") : "decline",
        },
        _ => new JsonObject { ["answers"] = Answers(parameters, answer) },
    };

    /// <summary>
    /// What the agent should also be told: the protocol's approval replies carry no text, so a denial's reason or an
    /// approval's feedback goes into the turn as a message of its own.
    /// </summary>
    public static string? Feedback(string method, InteractionResponse answer) =>
        method == UserInput || string.IsNullOrWhiteSpace(answer.Message)
            ? null
            : answer.Decision == InteractionDecision.Deny
                ? $"I denied that request: {answer.Message}"
                : $"I approved that request. {answer.Message}";

    // "Always" remembers the rule for the session: acceptForSession where the request offers it, else the command
    // prefix Codex proposed (its exec policy amendment), else a plain accept.
    private static JsonNode CommandDecision(JsonElement parameters, InteractionResponse answer)
    {
        if (answer.Decision != InteractionDecision.Approve)
        {
            return "decline";
        }

        var available = JsonFields.Child(parameters, "availableDecisions");
        if (!answer.Remember)
        {
            return "accept";
        }

        if (available.ValueKind != JsonValueKind.Array)
        {
            return "acceptForSession";
        }

        foreach (var option in available.EnumerateArray())
        {
            if (option.ValueKind == JsonValueKind.String && option.GetString() == "acceptForSession")
            {
                return "acceptForSession";
            }
        }

        foreach (var option in available.EnumerateArray())
        {
            if (option.ValueKind == JsonValueKind.Object && option.TryGetProperty("acceptWithExecpolicyAmendment", out _))
            {
                return JsonNode.Parse(option.GetRawText())!;
            }
        }

        return "accept";
    }

    private static InteractionAsk QuestionAsk(JsonElement parameters)
    {
        var questions = Questions(parameters);
        var first = questions.FirstOrDefault()?.Text ?? "The agent asks a question";
        return new InteractionAsk
        {
            Kind = InteractionKind.Question,
            Summary = questions.Count > 1 ? $"{first} (+{questions.Count - 1} more)" : first,
            ToolName = "request_user_input",
            Input = Raw(JsonFields.Child(parameters, "questions")),
            Questions = questions,
        };
    }

    private static List<InteractionQuestion> Questions(JsonElement parameters)
    {
        var questions = JsonFields.Child(parameters, "questions");
        if (questions.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. questions.EnumerateArray().Select(q => new InteractionQuestion(
            JsonFields.Text(q, "question") ?? string.Empty,
            JsonFields.Text(q, "header"),
            JsonFields.Child(q, "options") is { ValueKind: JsonValueKind.Array } options
                ? [.. options.EnumerateArray().Select(o => new InteractionOption(JsonFields.Text(o, "label") ?? string.Empty, JsonFields.Text(o, "description")))]
                : []))];
    }

    // Answers are keyed by question id on the wire and by question text in Baton; free text answers a lone question.
    private static JsonObject Answers(JsonElement parameters, InteractionResponse answer)
    {
        var result = new JsonObject();
        var questions = JsonFields.Child(parameters, "questions");
        if (answer.Decision != InteractionDecision.Answer || questions.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        var lone = questions.GetArrayLength() == 1;
        foreach (var question in questions.EnumerateArray())
        {
            var text = JsonFields.Text(question, "question") ?? string.Empty;
            var value = answer.Answers.TryGetValue(text, out var given) ? given : lone ? answer.Message : null;
            if (JsonFields.Text(question, "id") is { } id && value is not null)
            {
                result[id] = new JsonObject { ["answers"] = new JsonArray(value) };
            }
        }

        return result;
    }

    private static string CommandSummary(JsonElement parameters) =>
        JsonFields.Text(parameters, "command") is { } command ? "Bash: " + CodexSteps.UnwrapShell(command) : "Bash";

    private static string FileChangeSummary(JsonElement item, string workingDirectory)
    {
        var step = CodexAppServerEvents.ExecItem(item) is { } execItem ? CodexSteps.Describe(execItem, workingDirectory) ?? "Edit" : "Edit";
        var (added, removed) = (0, 0);
        var changes = JsonFields.Child(item, "changes");
        foreach (var change in changes.ValueKind == JsonValueKind.Array ? [.. changes.EnumerateArray()] : Array.Empty<JsonElement>())
        {
            // An added file's "diff" is its content; an update's is a unified diff.
            var lines = (JsonFields.Text(change, "diff") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            switch (JsonFields.Text(JsonFields.Child(change, "kind"), "type"))
            {
                case "add":
                    added += lines.Length;
                    break;
                case "delete":
                    removed += lines.Length;
                    break;
                default:
                    added += lines.Count(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal));
                    removed += lines.Count(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal));
                    break;
            }
        }

        return added + removed > 0 ? $"{step} (+{added} −{removed})" : step;
    }

    /// <summary>Each change as its kind and path, then its diff (an added file's content).</summary>
    private static string? Diffs(JsonElement item, string workingDirectory)
    {
        var changes = JsonFields.Child(item, "changes");
        return changes.ValueKind == JsonValueKind.Array
            ? Lines([.. changes.EnumerateArray().Select(c =>
                $"{JsonFields.Text(JsonFields.Child(c, "kind"), "type")} {StepText.Relative(JsonFields.Text(c, "path") ?? "?", workingDirectory)}\n"
                + (JsonFields.Text(c, "diff") ?? string.Empty).TrimEnd('\n'))])
            : null;
    }

    private static string? Lines(params string?[] parts) =>
        parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray() is { Length: > 0 } present ? string.Join("\n", present) : null;

    private static string? Raw(JsonElement value) =>
        value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : value.GetRawText();
}
