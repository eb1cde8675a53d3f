using System.Text.Json;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Claude;

/// <summary>Reads Claude Code's final <c>result</c> line into <see cref="AgentRunDetails"/>.</summary>
public static class ClaudeResultReader
{
    /// <summary>True only for a result that says success and not is_error.</summary>
    public static bool Succeeded(JsonElement result) =>
        JsonFields.Text(result, "subtype") == "success" && !Flag(result, "is_error");

    /// <summary>The details of a run from its parser state and, if seen, its result line.</summary>
    public static AgentRunDetails Read(ClaudeStreamParser parser)
    {
        var details = new AgentRunDetails
        {
            SessionId = parser.SessionId,
            ApiRetries = parser.ApiRetries,
            MalformedLines = parser.MalformedLines,
            Turns = parser.Turns,
        };
        if (parser.Result is not { } result)
        {
            return details;
        }

        return details with
        {
            Subtype = JsonFields.Text(result, "subtype"),
            IsError = Flag(result, "is_error"),
            Errors = Strings(result, "errors"),
            PermissionDenials = Denials(result),
            // modelUsage counts every model, the side calls included; usage covers the main loop only.
            Models = Models(result),
            CostUsd = Number(result, "total_cost_usd"),
            Turns = (int?)Number(result, "num_turns") ?? parser.Turns,
            DurationMs = (long?)Number(result, "duration_ms"),
            ApiErrorStatus = (int?)Number(result, "api_error_status"),
        };
    }

    /// <summary>What to tell the user when the run did not succeed.</summary>
    public static string DescribeFailure(JsonElement result)
    {
        var errors = Strings(result, "errors");
        if (errors.Count > 0)
        {
            return string.Join("; ", errors);
        }

        if (JsonFields.Text(result, "result") is { Length: > 0 } text)
        {
            return text;
        }

        // 2.0.76 reports some ends with an empty errors list; say what the subtype means.
        return JsonFields.Text(result, "subtype") switch
        {
            "error_max_turns" => "the agent reached its maximum number of turns before finishing",
            "error_max_budget_usd" => "the agent reached its budget before finishing",
            "error_during_execution" => "the agent's run was interrupted",
            var other => $"claude reported {other ?? "an error"}",
        };
    }

    private static Dictionary<string, ModelUsage> Models(JsonElement result)
    {
        var models = new Dictionary<string, ModelUsage>(StringComparer.Ordinal);
        if (result.TryGetProperty("modelUsage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            foreach (var model in usage.EnumerateObject())
            {
                models[model.Name] = new ModelUsage(
                    (long)(Number(model.Value, "inputTokens") ?? 0),
                    (long)(Number(model.Value, "outputTokens") ?? 0),
                    (long)(Number(model.Value, "cacheReadInputTokens") ?? 0),
                    (long)(Number(model.Value, "cacheCreationInputTokens") ?? 0),
                    Number(model.Value, "costUSD"));
            }
        }

        return models;
    }

    private static List<PermissionDenial> Denials(JsonElement result)
    {
        var denials = new List<PermissionDenial>();
        if (result.TryGetProperty("permission_denials", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var denial in list.EnumerateArray())
            {
                var input = denial.TryGetProperty("tool_input", out var value) ? value.GetRawText() : "{}";
                denials.Add(new PermissionDenial(JsonFields.Text(denial, "tool_name") ?? "?", input));
            }
        }

        return denials;
    }

    private static List<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static decimal? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? decimal.Round(number, 10, MidpointRounding.AwayFromZero)
            : null;

}
