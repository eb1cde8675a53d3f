using System.CommandLine;
using System.Globalization;
using Baton.Core.Application.Fields;

namespace Baton.Cli;

/// <summary>
/// <c>--budget USD</c> on the workflow commands: spelled as the task option is, so that one word means a budget
/// everywhere on the command line; out-of-range amounts are refused before anything is created.
/// </summary>
internal static class WorkflowBudgetOption
{
    public static Option<decimal?> Create(string description)
    {
        var option = new Option<decimal?>(TaskFields.BudgetUsd.CliOption) { Description = description, HelpName = "USD" };
        option.Validators.Add(result =>
        {
            // A value that is not a number at all gets the parser's own error; reading it here would throw.
            if (result.Tokens.Count == 1 && decimal.TryParse(result.Tokens[0].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var usd)
                && (usd < TaskFields.MinBudgetUsd || usd > TaskFields.MaxBudgetUsd))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture,
                    $"{TaskFields.BudgetUsd.CliOption} must be an amount in USD from {TaskFields.MinBudgetUsd} to {TaskFields.MaxBudgetUsd}, not {usd}"));
            }
        });
        return option;
    }
}
