namespace Baton.Core.Runners.Agents;

/// <summary>What a running agent is doing, from its own event stream.</summary>
/// <param name="SessionId">The agent session's id.</param>
/// <param name="CurrentStep">Its latest tool call, e.g. <c>Bash: npm test</c> or <c>Edit src/app.ts</c>.</param>
/// <param name="Turns">Model responses so far.</param>
/// <param name="ApiRetries">How many times the CLI retried the model API (non-zero means it is struggling).</param>
/// <param name="Usage">
/// This attempt's tokens per model so far, where the CLI reports them as it goes (Claude, Codex): budgets are checked
/// against it while the agent runs.
/// </param>
public sealed record AgentProgress(string? SessionId, string? CurrentStep, int Turns, int ApiRetries, IReadOnlyDictionary<string, ModelUsage>? Usage = null);
