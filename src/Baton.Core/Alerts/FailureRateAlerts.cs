using System.Globalization;
using Baton.Core.Errors;
using Baton.Core.Events;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Alerts;

/// <summary>
/// Watches the configured failure rates: each <see cref="LookInterval"/>, every rule's window is read from the store and
/// whether it fires is recorded there; <c>alert.failure_rate</c> is appended only when a rule starts to fire, so a
/// person hears of a crossing once, not of every failure while it lasts. Runs on one node of a cluster at a time.
/// </summary>
public sealed partial class FailureRateAlerts(
    IReadOnlyList<FailureRateRule> rules, ITaskStore tasks, IAlertStore alerts, TimeProvider time, ILogger<FailureRateAlerts> logger)
{
    /// <summary>How often the rules are checked.</summary>
    public static readonly TimeSpan LookInterval = TimeSpan.FromMinutes(1);

    /// <summary>Whether any rule is configured; without one there is nothing to watch and no lease to take.</summary>
    public bool HasRules => rules.Count > 0;

    /// <summary>One round: checks every rule; returns how many began to fire.</summary>
    public async Task<int> CheckOnceAsync(CancellationToken cancellationToken = default)
    {
        var raised = 0;
        foreach (var rule in rules)
        {
            var now = time.GetUtcNow();
            var groups = await tasks.TaskStatsAsync(now - rule.Window, now, rule.Agent is null ? StatsGrouping.Workflow : StatsGrouping.Agent, cancellationToken);
            var watched = rule.Agent ?? rule.Workflow;
            var group = groups.FirstOrDefault(g => string.Equals(g.Key, watched, StringComparison.Ordinal));
            var (failed, decided) = group is null ? (0, 0) : (group.Failed, group.Succeeded + group.Failed);
            var firing = decided >= rule.MinRuns && (double)failed / decided >= rule.Threshold;
            if (await alerts.SetFiringAsync(rule.Key, firing, EventRules.ForFailureRateAlert(rule, failed, decided, now), now, cancellationToken))
            {
                raised++;
                LogRaised(logger, rule.Subject, failed, decided);
            }
        }

        return raised;
    }

    /// <summary>Checks now and then every <see cref="LookInterval"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (rules.Count == 0)
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await CheckOnceAsync(cancellationToken);
                await Task.Delay(LookInterval, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (BatonException ex)
            {
                // A busy or unreachable store: the next round looks again; the state in the store keeps it to one alert.
                LogCheckFailed(logger, ex.Message);
                await Task.Delay(LookInterval, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>A window as people write it: 90m, 1h, 2d.</summary>
    public static string Describe(TimeSpan window) =>
        window.TotalDays >= 1 && window.TotalDays % 1 == 0 ? $"{window.TotalDays.ToString(CultureInfo.InvariantCulture)}d"
        : window.TotalHours >= 1 && window.TotalHours % 1 == 0 ? $"{window.TotalHours.ToString(CultureInfo.InvariantCulture)}h"
        : $"{Math.Round(window.TotalMinutes).ToString(CultureInfo.InvariantCulture)}m";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failure-rate alert: {Subject} had {Failed} of {Decided} runs fail")]
    private static partial void LogRaised(ILogger logger, string subject, int failed, int decided);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the failure-rate alerts ({Reason}); trying again in a minute")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}
