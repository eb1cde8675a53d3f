using System.Globalization;
using System.Text.Json;
using Baton.Core.Errors;
using Baton.Core.Webhooks;

namespace Baton.Core.Alerts;

/// <summary>
/// Reads baton.json's <c>"alerts": {"failure_rate": [{"agent": "reviewer", "window": "1h", "threshold": 0.5, "min_runs": 5}]}</c>
/// (or <c>"workflow"</c> instead of <c>"agent"</c>), each entry checked with a message that says how to fix it.
/// </summary>
public static class FailureRateRules
{
    /// <summary>The rules under <paramref name="alerts"/>; none when it is missing.</summary>
    public static IReadOnlyList<FailureRateRule> Parse(JsonElement? alerts, string source)
    {
        if (alerts is not { } section)
        {
            return [];
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            throw BatonException.Invalid($"{source}: \"alerts\" must be an object, e.g. {{\"failure_rate\": [{{\"agent\": \"reviewer\", \"threshold\": 0.5}}]}}");
        }

        var rules = new List<FailureRateRule>();
        foreach (var property in section.EnumerateObject())
        {
            if (property.Name != "failure_rate")
            {
                throw BatonException.Invalid($"{source}: alerts.{property.Name} is not a setting; alerts has failure_rate");
            }

            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                throw BatonException.Invalid($"{source}: alerts.failure_rate must be a list of rules");
            }

            foreach (var rule in property.Value.EnumerateArray())
            {
                rules.Add(ParseOne(rule, $"{source}: alerts.failure_rate[{rules.Count}]"));
            }
        }

        return rules;
    }

    private static FailureRateRule ParseOne(JsonElement rule, string at)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw BatonException.Invalid($"{at} must be an object with \"agent\" or \"workflow\"");
        }

        string? agent = null, workflow = null;
        var window = TimeSpan.FromHours(1);
        var threshold = 0.5;
        var minRuns = 5;
        foreach (var property in rule.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "agent" when value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()):
                    agent = value.GetString();
                    break;
                case "workflow" when value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()):
                    workflow = value.GetString();
                    break;
                case "window" when value.ValueKind == JsonValueKind.String && DurationText.TryParse(value.GetString()) is { } span
                    && span >= TimeSpan.FromMinutes(1) && span <= TimeSpan.FromDays(31):
                    window = span;
                    break;
                case "threshold" when value.ValueKind == JsonValueKind.Number && value.GetDouble() is > 0 and <= 1:
                    threshold = value.GetDouble();
                    break;
                case "min_runs" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var runs) && runs is >= 1 and <= 100_000:
                    minRuns = runs;
                    break;
                case "agent" or "workflow":
                    throw BatonException.Invalid($"{at}.{property.Name} must be a name");
                case "window":
                    throw BatonException.Invalid($"{at}.window must be a duration from 1m to 31d, such as \"30m\" or \"1h\"");
                case "threshold":
                    throw BatonException.Invalid($"{at}.threshold must be a failed share above 0 and at most 1, such as 0.5");
                case "min_runs":
                    throw BatonException.Invalid($"{at}.min_runs must be a whole number from 1 to 100000");
                default:
                    throw BatonException.Invalid($"{at}.{property.Name} is not a setting; a rule has agent or workflow, window, threshold, min_runs");
            }
        }

        if ((agent is null) == (workflow is null))
        {
            throw BatonException.Invalid($"{at} must name exactly one of \"agent\" and \"workflow\"");
        }

        return new FailureRateRule(agent, workflow, window, Math.Round(threshold, 4, MidpointRounding.AwayFromZero), minRuns);
    }

    /// <summary>A share as people read it: 0.5 is 50%.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
