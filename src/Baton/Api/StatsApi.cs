using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary><c>GET /api/v1/stats</c>: how the tasks that ended in a window went, as <c>baton stats --json</c> shows it.</summary>
internal static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/stats").WithTags("Stats").WithApiProblems()
            .MapGet("", GetAsync)
            .WithName("GetStats").WithSummary("Tasks that ended in a window: count, success rate, p50/p95 duration and queue wait, retries, tokens, cost, failure modes")
            .WithDescription("since: a duration back from now (default 7d; such as 24h, 7d, 30d, at most 366d). by: agent, workflow (its name), runner or day "
                + "(UTC, yyyy-MM-dd); groups come in key order, the group without a key (no agent, no workflow) first. total is over every task that ended. "
                + "success_rate = succeeded / (succeeded + failed), failed counting timed out; durations run from first start to end, queue waits from due to "
                + "first start, both nearest-rank percentiles in milliseconds over the tasks that started. failure_modes: failed and timed-out tasks by kind "
                + "(timeout, exit_code_N, signal_N, interrupted, launch_failed, input_timeout, no_result, other), largest first, with an example task.");
        return routes;
    }

    private static async Task<Ok<StatsView>> GetAsync([FromQuery] string? since, [FromQuery] string? by, StatsService stats, CancellationToken cancellationToken)
    {
        var window = ApiQuery.StatsWindow(since, "since");
        Core.Storage.StatsGrouping grouping;
        try
        {
            grouping = StatsService.ParseGrouping(by);
        }
        catch (BatonException ex) when (ex.Kind == ErrorKind.InvalidInput)
        {
            throw new ApiInputException($"by '{ApiQuery.Shorten(by!)}' is not one of {string.Join(", ", StatsService.Groupings)}", "by");
        }

        return TypedResults.Ok(await stats.GetAsync(window, grouping, cancellationToken));
    }
}
