using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Api;
using Baton.Configuration;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Baton.Core.Logs;
using Baton.Core.Shares;
using Microsoft.Extensions.Options;

namespace Baton.Shares;

/// <summary>
/// The bodies a share link reads: the same views GET /tasks/{id}, /workflows/{id} and /workflows/{id}/tasks return
/// (serialised with the API's own JSON options), under a <c>share</c> object, and a task's transcript as text.
/// </summary>
internal sealed class SharedViews(
    TaskService tasks, WorkflowService workflows, InteractionService interactions, AttemptLogReader logs, BatonSettings settings, TimeProvider time,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    /// <summary>The most transcript text a shared task carries (its end, where a long one is cut).</summary>
    private const int MaxLogChars = 1024 * 1024;

    private JsonSerializerOptions Options => json.Value.SerializerOptions;

    /// <summary>
    /// A task the share shows: the shared task itself, or a task of the shared workflow; any other is not found, said as
    /// for a task that does not exist, so the link reveals nothing beyond what it shares.
    /// </summary>
    public async Task<JsonObject> TaskAsync(ShareRecord share, string taskId, CancellationToken cancellationToken = default)
    {
        var details = await tasks.GetAsync(taskId, cancellationToken);
        var shown = share.TargetKind == ShareTarget.Task ? details.Task.Id == share.TargetId : details.Task.Definition.WorkflowId == share.TargetId;
        if (!shown)
        {
            throw BatonException.NotFound($"this share link shows no task {taskId}");
        }

        var view = await TasksApi.ViewAsync(details, interactions, time, cancellationToken);
        return new JsonObject
        {
            ["share"] = ShareNode(share),
            ["task"] = JsonSerializer.SerializeToNode(view, Options.GetTypeInfo(typeof(TaskView))),
            ["logs"] = await TranscriptAsync(details, cancellationToken),
        };
    }

    /// <summary>The shared workflow and its tasks.</summary>
    public async Task<JsonObject> WorkflowAsync(ShareRecord share, CancellationToken cancellationToken = default)
    {
        var details = await workflows.GetAsync(share.TargetId, cancellationToken);
        return new JsonObject
        {
            ["share"] = ShareNode(share),
            ["workflow"] = JsonSerializer.SerializeToNode(WorkflowViews.Of(details), Options.GetTypeInfo(typeof(WorkflowView))),
            ["tasks"] = JsonSerializer.SerializeToNode(WorkflowsApi.TasksViewOf(details), Options.GetTypeInfo(typeof(WorkflowTasksView))),
        };
    }

    /// <summary>The latest attempt's transcript as <c>baton task logs</c> shows it (the raw log for commands), its end if long.</summary>
    private async Task<string> TranscriptAsync(TaskDetails details, CancellationToken cancellationToken)
    {
        var (task, attempts) = (details.Task, details.Attempts);
        if (attempts.Count == 0)
        {
            return string.Empty;
        }

        var chosen = attempts[^1];
        var path = chosen.LogPath ?? Path.Combine(settings.LogDirectory, task.Id, $"{chosen.Key.Number}.log");
        if (logs.Open(chosen.Key, path) is not { } input)
        {
            return string.Empty;
        }

        using var buffer = new MemoryStream();
        if (LogText.Renderer(task.Definition.Runner) is { } render)
        {
            await LogText.WriteTranscriptAsync(input, task.Definition.WorkingDirectory, render, buffer, cancellationToken);
        }
        else
        {
            await using (input)
            {
                await input.CopyToAsync(buffer, cancellationToken);
            }
        }

        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return text.Length <= MaxLogChars ? text : "[earlier output cut]\n" + text[^MaxLogChars..];
    }

    private static JsonObject ShareNode(ShareRecord share) => new()
    {
        ["id"] = share.Id,
        ["expires_at"] = share.ExpiresAt,
        ["target_kind"] = share.TargetKind.ToWire(),
    };
}
