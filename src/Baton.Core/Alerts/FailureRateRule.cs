namespace Baton.Core.Alerts;

/// <summary>
/// One failure-rate alert from baton.json: it fires when, over the last <see cref="Window"/>, at least
/// <see cref="MinRuns"/> tasks of the agent (or workflow) succeeded or failed and the failed share reached <see cref="Threshold"/>.
/// </summary>
/// <param name="Agent">The agent definition watched, or null when a workflow is.</param>
/// <param name="Workflow">The workflow name watched, or null when an agent is.</param>
/// <param name="Window">How far back tasks count (default 1h).</param>
/// <param name="Threshold">The failed share, above 0 and at most 1, at which it fires (default 0.5).</param>
/// <param name="MinRuns">The fewest decided runs (succeeded or failed) for it to fire at all (default 5), so one failure in two runs is not an alert.</param>
public sealed record FailureRateRule(string? Agent, string? Workflow, TimeSpan Window, double Threshold, int MinRuns)
{
    /// <summary>The rule's key in the store: what it watches and how, so that a changed rule starts afresh.</summary>
    public string Key => $"failure_rate:{(Agent is null ? "workflow" : "agent")}:{Agent ?? Workflow}:{(long)Window.TotalSeconds}:{Threshold:0.####}:{MinRuns}";

    /// <summary>How a person names what is watched: agent 'reviewer', workflow 'nightly'.</summary>
    public string Subject => Agent is null ? $"workflow '{Workflow}'" : $"agent '{Agent}'";
}
