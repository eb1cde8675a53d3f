using System.Text.Json;
using Baton.Core.Errors;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Costs;

/// <summary>
/// Prices per model, used to estimate the cost of runs whose CLI reports none (Codex, Gemini). A model is priced by
/// the longest entry its name starts with, so <c>gpt-5.1-codex-mini</c> finds its own entry and a dated name such as
/// <c>claude-sonnet-4-5-20250929</c> finds <c>claude-sonnet-4-5</c>. The shipped figures are the vendors' list prices
/// when they were written; baton.json's <c>prices</c> overrides or adds entries.
/// </summary>
public sealed class PriceTable
{
    private readonly KeyValuePair<string, ModelPrice>[] byLongestName;

    /// <summary>A table of exactly these entries.</summary>
    public PriceTable(IReadOnlyDictionary<string, ModelPrice> prices)
    {
        Prices = prices;
        byLongestName = [.. prices.OrderByDescending(p => p.Key.Length)];
    }

    /// <summary>The shipped prices.</summary>
    public static PriceTable Default { get; } = new(DefaultPrices.All);

    /// <summary>Every entry, by model name (or name prefix).</summary>
    public IReadOnlyDictionary<string, ModelPrice> Prices { get; }

    /// <summary>The price of <paramref name="model"/>, or null if no entry matches it.</summary>
    public ModelPrice? Find(string model)
    {
        foreach (var (name, price) in byLongestName)
        {
            if (model.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return price;
            }
        }

        return null;
    }

    /// <summary>The cost of <paramref name="usage"/> on <paramref name="model"/>, or null if the model has no price.</summary>
    public decimal? Cost(string model, ModelUsage usage) => Find(model) is { } price
        ? ((usage.InputTokens * price.Input) + (usage.OutputTokens * price.Output)
            + (usage.CacheReadTokens * price.CacheRead) + (usage.CacheWriteTokens * price.CacheWrite)) / 1_000_000m
        : null;

    /// <summary>
    /// The shipped prices with baton.json's <c>prices</c> laid over them: an object from model name to
    /// <c>{"input": 1.25, "output": 10, "cache_read": 0.125, "cache_write": 0}</c> in USD per million tokens
    /// (<c>cache_read</c> and <c>cache_write</c> default to the input price's tenth and to 0).
    /// </summary>
    /// <param name="prices">The value of "prices", or null.</param>
    /// <param name="source">Where it came from, for messages (the file's path).</param>
    public static PriceTable Parse(JsonElement? prices, string source)
    {
        if (prices is not { } settings || settings.ValueKind == JsonValueKind.Null)
        {
            return Default;
        }

        const string Example = "{\"gpt-5\": {\"input\": 1.25, \"output\": 10, \"cache_read\": 0.125}}";
        if (settings.ValueKind != JsonValueKind.Object)
        {
            throw BatonException.Invalid($"{source}: \"prices\" must be an object of model names to prices per million tokens, e.g. {Example}");
        }

        var merged = new Dictionary<string, ModelPrice>(DefaultPrices.All, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in settings.EnumerateObject())
        {
            if (entry.Name.Trim().Length == 0 || entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw BatonException.Invalid($"{source}: \"prices.{entry.Name}\" must be an object like {{\"input\": 1.25, \"output\": 10}} (USD per million tokens)");
            }

            var input = Amount(entry.Value, "input", source, entry.Name, required: true)!.Value;
            merged[entry.Name.Trim()] = new ModelPrice(
                input,
                Amount(entry.Value, "output", source, entry.Name, required: true)!.Value,
                Amount(entry.Value, "cache_read", source, entry.Name, required: false) ?? input / 10,
                Amount(entry.Value, "cache_write", source, entry.Name, required: false) ?? 0);
        }

        return new PriceTable(merged);
    }

    private static decimal? Amount(JsonElement price, string key, string source, string model, bool required)
    {
        if (!price.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required
                ? throw BatonException.Invalid($"{source}: \"prices.{model}\" needs \"{key}\" (USD per million tokens)")
                : null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var amount) && amount >= 0 && amount <= 10_000
            ? amount
            : throw BatonException.Invalid($"{source}: \"prices.{model}.{key}\" must be a number of USD per million tokens from 0 to 10000 (got {value.GetRawText()})");
    }
}
