using Baton.Configuration;
using Baton.Core.Agents;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary><c>GET /api/v1/agents</c>: the agent definitions the daemon finds, as <c>baton agents --json</c> shows them, and their recent runs.</summary>
internal static class AgentsApi
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/agents").WithTags("Agents").WithApiProblems()
            .MapGet("", List)
            .WithName("ListAgents").WithSummary("The agent definitions found, bad files with file and line, and where Baton looked")
            .WithDescription("Project agents are looked up from working_directory (absolute; default: the daemon's working directory), as for a task queued there.");
        routes.MapGroup("/api/v1/agents").WithTags("Agents").WithApiProblems()
            .MapGet("/stats", StatsAsync)
            .WithName("GetAgentStats").WithSummary("Each agent's recent runs: how many, success rate, cost and tokens")
            .WithDescription("Per agent definition (agent_name), its tasks that ended in the last window (default 7d; a duration such as 24h, 7d, 30d, at most 366d): "
                + "runs (completed, failed, timed out or cancelled), succeeded, failed (failed or timed out), success_rate = succeeded / (succeeded + failed) "
                + "(null if none), and cost_usd and tokens summed over those tasks' attempts. Agents with no run in the window are left out.");
        return routes;
    }

    private static async Task<Ok<AgentStatsListView>> StatsAsync([FromQuery] string? window, StatsService stats, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await stats.AgentsAsync(ApiQuery.StatsWindow(window, "window"), cancellationToken));
    }

    private static Ok<AgentListView> List([FromQuery(Name = "working_directory")] string? workingDirectory, BatonSettings settings)
    {
        var directory = workingDirectory ?? Environment.CurrentDirectory;
        if (!Path.IsPathFullyQualified(directory) || !Directory.Exists(directory))
        {
            throw new ApiInputException($"working_directory '{ApiQuery.Shorten(directory)}' must be the absolute path of a directory that exists", "working_directory",
                StatusCodes.Status422UnprocessableEntity);
        }

        var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        try
        {
            return TypedResults.Ok(AgentListView.Of(AgentCatalog.Load(AgentCatalog.DefaultDirectories(directory, home, settings.AgentDirectories))));
        }
        catch (UnauthorizedAccessException ex)
        {
            throw BatonException.Invalid($"cannot read the agent definitions from {directory}: {ex.Message}");
        }
    }
}
