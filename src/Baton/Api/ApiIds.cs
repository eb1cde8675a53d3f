using Baton.Core.Errors;
using Baton.Core.Tasks;

namespace Baton.Api;

/// <summary>Ids in a route: something that cannot be an id names nothing, so it is a 404 like an unknown one.</summary>
internal static class ApiIds
{
    public static string Task(string id) => Check(id, "task", "GET /api/v1/tasks");

    public static string Workflow(string id) => Check(id, "workflow", "GET /api/v1/workflows");

    public static string Interaction(string id) =>
        Core.Interactions.InteractionIds.LooksLikeId(id.Trim().ToLowerInvariant())
            ? id.Trim().ToLowerInvariant()
            : throw BatonException.NotFound($"no interaction with id '{ApiQuery.Shorten(id)}'; {Core.Interactions.InteractionIds.Shape}; GET /api/v1/interactions lists the open ones");

    private static string Check(string id, string what, string list) =>
        TaskIds.LooksLikeIdOrPrefix(id.Trim().ToLowerInvariant())
            ? id
            : throw BatonException.NotFound(
                $"no {what} with id '{id}'; ids are {TaskIds.Length} characters (a unique prefix of {TaskIds.MinimumPrefix} or more works too); {list} lists recent ones");
}
