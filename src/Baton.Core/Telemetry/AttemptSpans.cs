using System.Diagnostics;
using Baton.Core.Attempts;
using Baton.Core.Runners;

namespace Baton.Core.Telemetry;

/// <summary>What an ended attempt's span says about it, in OpenTelemetry's terms where they have one.</summary>
internal static class AttemptSpans
{
    /// <summary>Sets the span's status and, for agents, the tokens it used (summed over its models).</summary>
    public static void Describe(Activity activity, AttemptState status, AttemptOutcome outcome)
    {
        if (status is AttemptState.Failed or AttemptState.TimedOut)
        {
            activity.SetStatus(ActivityStatusCode.Error, outcome.Error);
        }

        if (outcome.Details is not { } details || details.Models.Count == 0)
        {
            return;
        }

        long input = 0, output = 0;
        foreach (var usage in details.Models.Values)
        {
            input += usage.InputTokens;
            output += usage.OutputTokens;
        }

        activity.SetTag("gen_ai.usage.input_tokens", input).SetTag("gen_ai.usage.output_tokens", output);
        if (details.Models.Count == 1)
        {
            activity.SetTag("gen_ai.response.model", details.Models.Keys.First());
        }

        if (details.CostUsd is { } cost)
        {
            activity.SetTag("baton.cost_usd", (double)cost);
        }
    }
}
