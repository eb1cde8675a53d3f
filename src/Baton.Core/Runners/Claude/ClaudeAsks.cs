using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Interactions;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Claude;

/// <summary>
/// Turns Claude Code's <c>can_use_tool</c> requests into what a person decides on: <c>AskUserQuestion</c> becomes a
/// question with its options, <c>ExitPlanMode</c> a plan approval with the plan, anything else a tool approval whose
/// summary reads like the call (the command line; the file and its change in size).
/// </summary>
internal static class ClaudeAsks
{
    private const int SummaryLength = 200;
    private const int DetailLines = 40;

    // The input is shown to people as it is: "a > b", not "a \u003E b". It is stored and printed, never put in HTML.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="request">The request.</param>
    /// <param name="plan">The plan the model gave with the same tool_use id (the CLI sends ExitPlanMode's input empty).</param>
    /// <param name="workingDirectory">Paths inside it are shown relative to it.</param>
    public static InteractionAsk For(ClaudePermissionRequest request, string? plan, string workingDirectory) => request.ToolName switch
    {
        "AskUserQuestion" => Question(request),
        "ExitPlanMode" => Plan(request, plan),
        _ => ToolApproval(request, workingDirectory),
    };

    private static InteractionAsk Question(ClaudePermissionRequest request)
    {
        var questions = (request.Input["questions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(q => new InteractionQuestion(
                Text(q, "question") ?? string.Empty,
                Text(q, "header"),
                [.. (q["options"] as JsonArray ?? []).OfType<JsonObject>().Select(o => new InteractionOption(Text(o, "label") ?? string.Empty, Text(o, "description")))],
                q["multiSelect"] is JsonValue multi && multi.TryGetValue(out bool many) && many))
            .Where(q => q.Text.Length > 0)
            .ToList();
        var summary = questions.Count switch
        {
            0 => "The agent asks a question",
            1 => questions[0].Text,
            var n => $"{questions[0].Text} (and {n - 1} more)",
        };
        return new InteractionAsk
        {
            Kind = InteractionKind.Question,
            Summary = Shorten(summary),
            ToolName = request.ToolName,
            Input = request.Input.ToJsonString(Readable),
            Questions = questions,
        };
    }

    private static InteractionAsk Plan(ClaudePermissionRequest request, string? fromToolUse)
    {
        var plan = Text(request.Input, "plan") ?? fromToolUse ?? string.Empty;
        var first = plan.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0);
        return new InteractionAsk
        {
            Kind = InteractionKind.PlanApproval,
            Summary = Shorten(first is null ? "The agent proposes a plan" : "Plan: " + first),
            ToolName = request.ToolName,
            Input = request.Input.ToJsonString(Readable),
            Plan = plan,
        };
    }

    private static InteractionAsk ToolApproval(ClaudePermissionRequest request, string workingDirectory)
    {
        var input = request.Input;
        var path = Text(input, "file_path") ?? Text(input, "notebook_path");
        var shown = path is null ? null : StepText.Relative(path, workingDirectory);
        string summary;
        string? detail;
        switch (request.ToolName)
        {
            case "Bash" when Text(input, "command") is { } command:
                summary = "Bash: " + StepText.FirstLine(command);
                detail = command.Contains('\n', StringComparison.Ordinal) ? command : null;
                break;
            case "Edit" when shown is not null:
                var (removed, added) = (Lines(Text(input, "old_string")), Lines(Text(input, "new_string")));
                summary = $"Edit {shown} (+{added.Length} −{removed.Length})";
                detail = Diff([(removed, added)]);
                break;
            case "MultiEdit" when shown is not null:
                var edits = (input["edits"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(e => (Lines(Text(e, "old_string")), Lines(Text(e, "new_string")))).ToList();
                summary = $"MultiEdit {shown} ({edits.Count} edit{(edits.Count == 1 ? "" : "s")}, +{edits.Sum(e => e.Item2.Length)} −{edits.Sum(e => e.Item1.Length)})";
                detail = Diff(edits);
                break;
            case "Write" when shown is not null:
                var content = Text(input, "content") ?? string.Empty;
                var lines = Lines(content);
                summary = $"Write {shown} ({lines.Length} line{(lines.Length == 1 ? "" : "s")}, {Encoding.UTF8.GetByteCount(content)} bytes)";
                detail = Bounded(lines.Select(line => "+" + line));
                break;
            default:
                summary = $"{request.ToolName}: {input.ToJsonString(Readable)}";
                detail = null;
                break;
        }

        return new InteractionAsk
        {
            Kind = InteractionKind.ToolApproval,
            Summary = Shorten(summary),
            ToolName = request.ToolName,
            Input = input.ToJsonString(Readable),
            Suggestions = request.Suggestions?.ToJsonString(Readable),
            Detail = Join(request.Description is { Length: > 0 } d && !summary.Contains(d, StringComparison.Ordinal) ? d : null,
                detail,
                request.BlockedPath is { } blocked ? "Blocked path: " + blocked : null),
        };
    }

    private static string Diff(IEnumerable<(string[] Removed, string[] Added)> edits) =>
        Bounded(edits.SelectMany((edit, index) =>
            (index == 0 ? [] : new[] { "@@" }).Concat(edit.Removed.Select(l => "-" + l)).Concat(edit.Added.Select(l => "+" + l))));

    private static string Bounded(IEnumerable<string> lines)
    {
        var all = lines.ToList();
        return all.Count <= DetailLines
            ? string.Join('\n', all)
            : string.Join('\n', all.Take(DetailLines)) + $"\n... ({all.Count - DetailLines} more lines)";
    }

    private static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.TrimEnd('\n').Split('\n');

    private static string? Join(params string?[] parts) =>
        parts.Where(p => !string.IsNullOrEmpty(p)).ToList() is { Count: > 0 } present ? string.Join("\n\n", present) : null;

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= SummaryLength ? line : line[..(SummaryLength - 3)] + "...";
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
