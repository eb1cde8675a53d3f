namespace Baton.Core.Costs;

/// <summary>
/// The vendors' list prices in USD per million tokens (standard tier, short prompts), as shipped. They only feed
/// estimates, which say so wherever they are shown; baton.json's <c>prices</c> corrects them.
/// </summary>
internal static class DefaultPrices
{
    public static IReadOnlyDictionary<string, ModelPrice> All { get; } = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase)
    {
        // Anthropic (Claude Code reports its own cost; these serve a run whose CLI did not).
        ["claude-opus-4-5"] = new(5m, 25m, 0.5m, 6.25m),
        ["claude-opus-4"] = new(15m, 75m, 1.5m, 18.75m),
        ["claude-sonnet-4"] = new(3m, 15m, 0.3m, 3.75m),
        ["claude-3-7-sonnet"] = new(3m, 15m, 0.3m, 3.75m),
        ["claude-haiku-4"] = new(1m, 5m, 0.1m, 1.25m),
        ["claude-3-5-haiku"] = new(0.8m, 4m, 0.08m, 1m),
        // OpenAI, as Codex uses them; "codex" is what Baton records when Codex names no model (its default is GPT-5 class).
        ["codex"] = new(1.25m, 10m, 0.125m, 0m),
        ["gpt-5"] = new(1.25m, 10m, 0.125m, 0m),
        ["gpt-5-mini"] = new(0.25m, 2m, 0.025m, 0m),
        ["gpt-5-nano"] = new(0.05m, 0.4m, 0.005m, 0m),
        ["gpt-5.1"] = new(1.25m, 10m, 0.125m, 0m),
        ["gpt-5.1-codex-mini"] = new(0.25m, 2m, 0.025m, 0m),
        ["gpt-4.1"] = new(2m, 8m, 0.5m, 0m),
        ["gpt-4.1-mini"] = new(0.4m, 1.6m, 0.1m, 0m),
        ["o3"] = new(2m, 8m, 0.5m, 0m),
        ["o4-mini"] = new(1.1m, 4.4m, 0.275m, 0m),
        ["codex-mini"] = new(1.5m, 6m, 0.375m, 0m),
        // Google; "gemini" is what Baton records when gemini-cli names no model (its default is the Pro model).
        ["gemini"] = new(1.25m, 10m, 0.31m, 0m),
        ["gemini-2.5-pro"] = new(1.25m, 10m, 0.31m, 0m),
        ["gemini-2.5-flash"] = new(0.3m, 2.5m, 0.075m, 0m),
        ["gemini-2.5-flash-lite"] = new(0.1m, 0.4m, 0.025m, 0m),
        ["gemini-2.0-flash"] = new(0.1m, 0.4m, 0.025m, 0m),
        ["gemini-3-pro"] = new(2m, 12m, 0.2m, 0m),
    };
}
