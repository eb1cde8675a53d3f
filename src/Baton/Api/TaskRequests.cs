using Baton.Configuration;
using Baton.Core.Application;
using Baton.Core.Tasks;
using Microsoft.AspNetCore.Http;

namespace Baton.Api;

/// <summary>
/// Turns a task body into a checked <see cref="TaskDefinition"/>: what only REST must check here (a working directory
/// given in full, no nulls inside lists), then the same builder and checks the CLI uses.
/// </summary>
internal static class TaskRequests
{
    public static async Task<TaskDefinition> BuildAsync(TaskBody body, HttpContext context, BatonSettings settings, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(body.WorkingDirectory))
        {
            throw Unprocessable("working_directory is required: the absolute path of the directory the task runs in (agents are looked up from it too)", "working_directory");
        }

        if (!Path.IsPathFullyQualified(body.WorkingDirectory))
        {
            throw Unprocessable($"working_directory '{body.WorkingDirectory}' must be an absolute path", "working_directory");
        }

        NoNulls(body.Command, "command");
        NoNulls(body.Tags, "tags");
        NoNulls(body.RequiresLabels, "requires_labels");
        NoNulls(body.DependsOn, "depends_on");
        NoNullValues(body.Metadata, "metadata");
        NoNullValues(body.Environment, "environment");
        if (body.CreatedBy is not null)
        {
            throw new ApiInputException("created_by cannot be given: Baton records who asked from the caller's token or account", "created_by");
        }

        // A task body is a task request; only who asks comes from the connection, never from the body.
        TaskRequest request = body with { CreatedBy = ApiCaller.Name(context) };
        var definition = TaskPreparation.Builder(settings.AgentDirectories, body.WorkingDirectory).Build(request);
        await TaskPreparation.RequireRepositoryForWorktreeAsync(definition, cancellationToken);
        return definition;
    }

    /// <summary>The daemon's PATH, which command tasks' programs are looked up on.</summary>
    public static string? SearchPath => Environment.GetEnvironmentVariable("PATH");

    private static void NoNulls(IReadOnlyList<string>? values, string field)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (values![i] is null)
            {
                throw new ApiInputException($"{field}[{i}] must be a string, not null", $"{field}[{i}]");
            }
        }
    }

    private static void NoNullValues(IReadOnlyDictionary<string, string>? values, string field)
    {
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            if (value is null)
            {
                throw new ApiInputException($"{field}.{key} must be a string, not null", $"{field}.{key}");
            }
        }
    }

    private static ApiInputException Unprocessable(string message, string field) =>
        new(message, field, StatusCodes.Status422UnprocessableEntity);
}
