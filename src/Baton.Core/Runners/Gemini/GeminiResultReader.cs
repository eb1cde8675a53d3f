using System.Text.Json;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Gemini;

/// <summary>Reads gemini-cli's final <c>result</c> line into <see cref="AgentRunDetails"/>.</summary>
public static class GeminiResultReader
{
    /// <summary>True only for a result whose status is success.</summary>
    public static bool Succeeded(JsonElement result) => JsonFields.Text(result, "status") == "success";

    /// <summary>The result's error message, if it has one.</summary>
    public static string? ErrorMessage(JsonElement result) => JsonFields.Text(JsonFields.Child(result, "error"), "message");

    /// <summary>
    /// The details of a run. Tokens come per model from <c>stats.models</c>, else under the init line's model (or
    /// <paramref name="fallbackModel"/>). <c>input_tokens</c> counts the whole prompt, cached part included, so the
    /// cached part is taken out to match <see cref="ModelUsage"/> (input excludes cache reads). gemini reports no
    /// cost, and none is estimated here.
    /// </summary>
    public static AgentRunDetails Read(GeminiStreamParser parser, string fallbackModel)
    {
        var details = new AgentRunDetails
        {
            SessionId = parser.SessionId,
            Turns = parser.Turns,
            MalformedLines = parser.MalformedLines,
        };
        if (parser.Result is not { } result)
        {
            return details;
        }

        var stats = JsonFields.Child(result, "stats");
        return details with
        {
            Subtype = JsonFields.Text(result, "status"),
            IsError = !Succeeded(result),
            Errors = ErrorMessage(result) is { } message ? [message] : [],
            Models = Models(stats, parser.Model ?? fallbackModel),
            CostUsd = null,
            CostEstimated = false,
            DurationMs = stats.ValueKind == JsonValueKind.Object && stats.TryGetProperty("duration_ms", out _) ? JsonFields.Count(stats, "duration_ms") : null,
        };
    }

    private static Dictionary<string, ModelUsage> Models(JsonElement stats, string model)
    {
        var models = new Dictionary<string, ModelUsage>(StringComparer.Ordinal);
        var perModel = JsonFields.Child(stats, "models");
        if (perModel.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in perModel.EnumerateObject())
            {
                models[entry.Name] = Usage(entry.Value);
            }
        }

        if (models.Count == 0 && stats.ValueKind == JsonValueKind.Object)
        {
            models[model] = Usage(stats);
        }

        return models;
    }

    private static ModelUsage Usage(JsonElement tokens)
    {
        var cached = JsonFields.Count(tokens, "cached");
        return new ModelUsage(
            Math.Max(0, JsonFields.Count(tokens, "input_tokens") - cached), JsonFields.Count(tokens, "output_tokens"), cached, 0, null);
    }
}
