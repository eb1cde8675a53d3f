using System.Globalization;
using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Events;
using Microsoft.AspNetCore.Http;

namespace Baton.Api;

/// <summary>
/// What a <c>GET /api/v1/events</c> asks for: where to start (Last-Event-ID, else <c>after</c>, else null for the end
/// of the log) and which events. Every bad value is refused before the stream starts, naming its parameter.
/// </summary>
internal sealed record EventStreamRequest(long? After, EventFilter Filter)
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static async Task<EventStreamRequest> ReadAsync(
        HttpRequest request, TaskService tasks, WorkflowService workflows, CancellationToken cancellationToken = default)
    {
        var query = request.Query;
        // A reconnecting EventSource sends the header with the URL it first used: the header is the newer position.
        var after = Position(request.Headers[LastEventIdHeader].ToString(), LastEventIdHeader) ?? Position(query["after"].ToString(), "after");
        var types = Field("type", () => EventFilter.ParseTypes(query["type"].ToString(), "type"));
        var taskId = query["task_id"].ToString() is { Length: > 0 } task
            ? await FieldAsync("task_id", () => tasks.ResolveIdAsync(task, cancellationToken))
            : null;
        var workflowId = query["workflow_id"].ToString() is { Length: > 0 } workflow
            ? await FieldAsync("workflow_id", () => workflows.ResolveIdAsync(workflow, cancellationToken))
            : null;
        return new EventStreamRequest(after, new EventFilter(taskId, workflowId, types));
    }

    private static long? Position(string text, string name)
    {
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ApiInputException($"{name} must be an event id: a whole number of 0 or more (got '{ApiQuery.Shorten(text)}')", name);
    }

    private static T Field<T>(string name, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (BatonException ex) when (ex.Kind == ErrorKind.InvalidInput)
        {
            throw new ApiInputException(ex.Message, name, StatusCodes.Status422UnprocessableEntity);
        }
    }

    private static async Task<T> FieldAsync<T>(string name, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (BatonException ex) when (ex.Kind == ErrorKind.InvalidInput)
        {
            throw new ApiInputException($"{name}: {ex.Message}", name, StatusCodes.Status422UnprocessableEntity);
        }
    }
}
