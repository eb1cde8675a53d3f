using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Baton.Core.Stats;
using Baton.Core.Storage;

namespace Baton.Core.Application;

/// <summary>
/// Task statistics for <c>baton stats</c>, GET /api/v1/stats, GET /api/v1/agents/stats and the dashboard's Metrics
/// page: computed by the store, shaped here.
/// </summary>
public sealed class StatsService(ITaskStore store, TimeProvider time)
{
    /// <summary>The longest window.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    /// <summary>How many kinds of failure are shown.</summary>
    public const int FailureModeLimit = 10;

    // Error texts vary in detail; enough identical-error groups are read for the kinds they fold into to be right.
    private const int FailureGroupLimit = 500;

    /// <summary>The wire names of the groupings, as --by and ?by= take them.</summary>
    public static readonly IReadOnlyList<string> Groupings = ["agent", "workflow", "runner", "day"];

    /// <summary>The grouping named <paramref name="by"/> (null: none); throws invalid input for another name.</summary>
    public static StatsGrouping ParseGrouping(string? by) => by switch
    {
        null or "" => StatsGrouping.None,
        "agent" => StatsGrouping.Agent,
        "workflow" => StatsGrouping.Workflow,
        "runner" => StatsGrouping.Runner,
        "day" => StatsGrouping.Day,
        _ => throw BatonException.Invalid($"by must be one of {string.Join(", ", Groupings)} (got '{by}')"),
    };

    /// <summary>How each agent definition's tasks that ended in the last <paramref name="window"/> went, with their cost and tokens.</summary>
    public async Task<AgentStatsListView> AgentsAsync(TimeSpan window, CancellationToken cancellationToken = default)
    {
        CheckWindow(window);
        var since = time.GetUtcNow() - window;
        var stats = await store.AgentStatsAsync(since, cancellationToken);
        return new AgentStatsListView(since, [.. stats.Select(AgentStatsView.Of)]);
    }

    /// <summary>The tasks that ended in the last <paramref name="window"/>: in total, by <paramref name="by"/>, and their failure modes.</summary>
    public async Task<StatsView> GetAsync(TimeSpan window, StatsGrouping by, CancellationToken cancellationToken = default)
    {
        CheckWindow(window);
        var now = time.GetUtcNow();
        var since = now - window;
        var total = await store.TaskStatsAsync(since, now, StatsGrouping.None, cancellationToken);
        var groups = by == StatsGrouping.None ? [] : await store.TaskStatsAsync(since, now, by, cancellationToken);
        var failures = await store.FailureGroupsAsync(since, FailureGroupLimit, cancellationToken);
        return new StatsView
        {
            Since = since,
            By = by == StatsGrouping.None ? null : Groupings[(int)by - 1],
            Total = StatsGroupView.Of(total.Count > 0 ? total[0] : Empty),
            Groups = [.. groups.Select(StatsGroupView.Of)],
            FailureModes = FailureModes.Of(failures, FailureModeLimit),
        };
    }

    private static void CheckWindow(TimeSpan window)
    {
        if (window <= TimeSpan.Zero || window > MaxWindow)
        {
            throw BatonException.Invalid($"the window must be longer than 0 and at most {MaxWindow.TotalDays:0} days");
        }
    }

    private static readonly TaskStatsGroup Empty = new(null, 0, 0, 0, 0, null, null, null, null, 0, 0m, 0, 0, 0, 0);
}
