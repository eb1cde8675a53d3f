using System.Text.Json;
using Baton.Core.Errors;

namespace Baton.Core.Sessions;

/// <summary>Reads a capsule from the object an agent sent, refusing unknown fields and wrong types by name.</summary>
internal static class CapsuleParser
{
    public static ContextCapsule Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("a capsule is a JSON object with current_task and the lists completed_steps, next_steps, decisions, files, open_questions, failed_approaches");
        }

        foreach (var property in json.EnumerateObject())
        {
            if (!CapsuleFields.All.Contains(property.Name))
            {
                throw Invalid($"a capsule has no field '{Shorten(property.Name)}'; it takes {string.Join(", ", CapsuleFields.All)}");
            }
        }

        var currentTask = Text(json, CapsuleFields.CurrentTask) ?? throw Invalid($"'{CapsuleFields.CurrentTask}' is required: say in a sentence or two what the work is");
        return new ContextCapsule
        {
            CurrentTask = currentTask,
            CompletedSteps = List(json, CapsuleFields.CompletedSteps),
            NextSteps = List(json, CapsuleFields.NextSteps),
            Decisions = Decisions(json),
            Files = List(json, CapsuleFields.Files),
            OpenQuestions = List(json, CapsuleFields.OpenQuestions),
            FailedApproaches = List(json, CapsuleFields.FailedApproaches),
        };
    }

    private static string? Text(JsonElement json, string name, string? where = null)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var label = where ?? name;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid($"'{label}' must be a string (got {Kind(value)})");
        return string.IsNullOrWhiteSpace(text) ? throw Invalid($"'{label}' must not be empty") : text;
    }

    private static string[] List(JsonElement json, string name)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"'{name}' must be a list of strings (got {Kind(value)})");
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var label = $"{name}[{index++}]";
            items.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Invalid($"'{label}' must be a string (got {Kind(item)})"));
        }

        return [.. items];
    }

    private static CapsuleDecision[] Decisions(JsonElement json)
    {
        if (!json.TryGetProperty(CapsuleFields.Decisions, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"'{CapsuleFields.Decisions}' must be a list of {{\"decision\": ..., \"reason\": ...}} (got {Kind(value)})");
        }

        var decisions = new List<CapsuleDecision>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var label = $"{CapsuleFields.Decisions}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"'{label}' must be an object {{\"decision\": ..., \"reason\": ...}} (got {Kind(item)})");
            }

            foreach (var property in item.EnumerateObject())
            {
                if (property.Name is not (CapsuleFields.Decision or CapsuleFields.Reason))
                {
                    throw Invalid($"'{label}' has no field '{Shorten(property.Name)}'; a decision takes decision and reason");
                }
            }

            var decision = Text(item, CapsuleFields.Decision, $"{label}.decision") ?? throw Invalid($"'{label}.decision' is required");
            var reason = Text(item, CapsuleFields.Reason, $"{label}.reason") ?? throw Invalid($"'{label}.reason' is required: say why, so the next session does not undo it");
            decisions.Add(new CapsuleDecision(decision, reason));
        }

        return [.. decisions];
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "...";

    private static BatonException Invalid(string message) => new(ErrorKind.InvalidInput, message);
}
