using Baton.Core.Errors;
using Baton.Core.Workflows;

namespace Baton.Core.Application;

/// <summary>
/// The limits on what a person gives a workflow (its name, description and settings, a phase's name, a gate's
/// message), checked before anything is written, each refusal saying which limit was exceeded and by how much.
/// </summary>
internal static class WorkflowRules
{
    /// <summary>The longest workflow or phase name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest description, or message with a gate's decision.</summary>
    public const int MaxDescriptionLength = 4000;

    /// <summary>Checks a new workflow's settings; returns the upstream limits it runs with (the default when none are given).</summary>
    public static UpstreamLimits CheckSettings(WorkflowSettings settings)
    {
        Require(!string.IsNullOrWhiteSpace(settings.Name), "name must not be empty");
        Require(settings.Name.Length <= MaxNameLength, $"name is {settings.Name.Length} characters; the limit is {MaxNameLength}");
        Require((settings.Description?.Length ?? 0) <= MaxDescriptionLength, $"description is {settings.Description?.Length} characters; the limit is {MaxDescriptionLength}");
        var limits = settings.UpstreamLimits ?? UpstreamLimits.Default;
        Require(limits.TotalBytes is >= 1024 and <= UpstreamLimits.MaxTotalBytes,
            $"the upstream summary cap must be between 1024 and {UpstreamLimits.MaxTotalBytes} bytes (got {limits.TotalBytes})");
        Require(limits.PerTaskBytes >= 256 && limits.PerTaskBytes <= limits.TotalBytes,
            $"the per-task upstream cap must be between 256 bytes and the total cap, {limits.TotalBytes} (got {limits.PerTaskBytes})");
        Require(settings.BudgetUsd is not { } budget || (budget >= Fields.TaskFields.MinBudgetUsd && budget <= Fields.TaskFields.MaxBudgetUsd),
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"budget_usd must be an amount in USD from {Fields.TaskFields.MinBudgetUsd} to {Fields.TaskFields.MaxBudgetUsd} (got {settings.BudgetUsd})"));
        return limits;
    }

    /// <summary>Refuses invalid input with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw BatonException.Invalid(message);
        }
    }
}
