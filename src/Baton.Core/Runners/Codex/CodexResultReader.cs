using System.Text.Json;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>Reads the end of a Codex run into <see cref="AgentRunDetails"/> and a message for the user.</summary>
public static class CodexResultReader
{
    /// <summary>
    /// The details of a run. Codex reports no cost, so <c>CostUsd</c> is null here; the engine estimates it from the
    /// price table. Tokens follow OpenAI's usage, where cached input is part of <c>input_tokens</c>
    /// and reasoning part of <c>output_tokens</c> (Codex's own totals add non-cached input and output only), so
    /// cached input is taken out of the input count to match <see cref="ModelUsage"/> (input excludes cache reads)
    /// and reasoning is not added again. On a resumed thread the counts are the thread's running total, which the runner turns into the attempt's own.
    /// </summary>
    public static AgentRunDetails Read(CodexStreamParser parser, string modelName)
    {
        var models = new Dictionary<string, ModelUsage>(StringComparer.Ordinal);
        if (parser.Usage is { ValueKind: JsonValueKind.Object } usage)
        {
            var cached = JsonFields.Count(usage, "cached_input_tokens");
            models[modelName] = new ModelUsage(
                Math.Max(0, JsonFields.Count(usage, "input_tokens") - cached),
                JsonFields.Count(usage, "output_tokens"),
                cached,
                JsonFields.Count(usage, "cache_write_input_tokens"),
                null);
        }

        return new AgentRunDetails
        {
            SessionId = parser.SessionId,
            Subtype = parser.EndEvent,
            IsError = parser.Failure is not null,
            Errors = [.. parser.Errors.Select(Describe)],
            Models = models,
            CostUsd = null,
            CostEstimated = false,
            Turns = parser.Turns,
            MalformedLines = parser.MalformedLines,
        };
    }

    /// <summary>
    /// A failure message for the user: Codex passes the model API's error body through as JSON text, so its
    /// message and type are taken out of it; any other text is kept as it is.
    /// </summary>
    public static string Describe(string message)
    {
        if (ApiError(message) is not { } error)
        {
            return message;
        }

        var text = JsonFields.Text(error, "message") ?? message;
        return JsonFields.Text(error, "type") is { Length: > 0 } type ? $"{text} ({type})" : text;
    }

    /// <summary>False for errors that would repeat: a request the model API rejected, or failed authentication.</summary>
    public static bool IsRetryable(string message) =>
        ApiError(message) is not { } error
        || JsonFields.Text(error, "type") is not ("invalid_request_error" or "authentication_error" or "permission_error");

    private static JsonElement? ApiError(string message)
    {
        if (!message.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(message);
            var error = JsonFields.Child(document.RootElement, "error");
            return error.ValueKind == JsonValueKind.Object ? error.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
