using System.Text.Json;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Gemini.Acp;

/// <summary>
/// Tokens per model, summed over the prompt turns of a session: gemini-cli answers each <c>session/prompt</c> with
/// <c>_meta.quota.model_usage</c> (input and output tokens per model, for that turn only). ACP gives no cached-token
/// split and no cost, so those stay zero and unknown.
/// </summary>
internal sealed class GeminiAcpUsage
{
    private readonly Dictionary<string, ModelUsage> models = new(StringComparer.Ordinal);

    /// <summary>The sums so far.</summary>
    public IReadOnlyDictionary<string, ModelUsage> Models => models;

    /// <summary>Adds one prompt turn's result.</summary>
    public void Add(JsonElement promptResult)
    {
        var usage = JsonFields.Child(JsonFields.Child(JsonFields.Child(promptResult, "_meta"), "quota"), "model_usage");
        if (usage.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var entry in usage.EnumerateArray())
        {
            var tokens = JsonFields.Child(entry, "token_count");
            var model = JsonFields.Text(entry, "model") ?? "gemini";
            var before = models.GetValueOrDefault(model) ?? new ModelUsage(0, 0, 0, 0, null);
            models[model] = before with
            {
                InputTokens = before.InputTokens + JsonFields.Count(tokens, "input_tokens"),
                OutputTokens = before.OutputTokens + JsonFields.Count(tokens, "output_tokens"),
            };
        }
    }
}
