using Baton.Configuration;
using Baton.Core.Agents;
using Baton.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary><c>GET /api/v1/agents</c>: the agent definitions the daemon finds, as <c>baton agents --json</c> shows them.</summary>
internal static class AgentsApi
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/agents").WithTags("Agents").WithApiProblems()
            .MapGet("", List)
            .WithName("ListAgents").WithSummary("The agent definitions found, bad files with file and line, and where Baton looked")
            .WithDescription("Project agents are looked up from working_directory (absolute; default: the daemon's working directory), as for a task queued there.");
        return routes;
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
