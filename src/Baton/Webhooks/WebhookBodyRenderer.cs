using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Application.Views;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Webhooks;

/// <summary>
/// A delivery's body, rendered at its first attempt and then frozen: <c>{"type", "timestamp", "data", "event"}</c>.
/// data is the task as GET /api/v1/tasks/{id} shows it for task events, the workflow as the workflow list shows it
/// (with <c>phase</c> for phase events) for workflow and phase events. event.data carries more about the change: an
/// interaction's id, kind and summary (<c>task.input_required</c>), a decision and who made it (<c>interaction.answered</c>).
/// </summary>
internal sealed class WebhookBodyRenderer(ITaskStore tasks, IWorkflowStore workflows)
{
    public async Task<string> RenderAsync(EventRecord record, string subscriptionId, CancellationToken cancellationToken = default)
    {
        var payload = new JsonObject
        {
            ["type"] = record.Type,
            ["timestamp"] = record.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["data"] = await DataAsync(record, subscriptionId, cancellationToken),
            ["event"] = new JsonObject
            {
                ["id"] = record.Id,
                ["status"] = record.Status,
                ["old_status"] = record.OldStatus,
                ["attempt"] = record.Attempt,
                ["message"] = record.Message,
                ["data"] = record.Data is { } data ? JsonNode.Parse(data) : null,
            },
        };
        return payload.ToJsonString();
    }

    private async Task<JsonNode?> DataAsync(EventRecord record, string subscriptionId, CancellationToken cancellationToken)
    {
        if (record.Type == EventTypes.WebhookTest)
        {
            return new JsonObject { ["webhook_id"] = subscriptionId, ["message"] = record.Message };
        }

        if (record.TaskId is { } taskId)
        {
            var task = await tasks.GetTaskAsync(taskId, cancellationToken);
            return task is null
                ? null
                : JsonSerializer.SerializeToNode(Views.Of(task, await tasks.GetAttemptsAsync(taskId, cancellationToken)), ViewJsonContext.Default.TaskView);
        }

        if (record.WorkflowId is not { } workflowId || await workflows.GetContentsAsync(workflowId, cancellationToken) is not { } contents)
        {
            return null;
        }

        var summary = new WorkflowSummary(
            contents.Workflow, contents.Phases.Count, contents.Tasks.Count, contents.Tasks.Count(t => t.Status.IsTerminal()),
            contents.Tasks.Count(t => t.Status == TaskState.Completed), contents.Tasks.Count(t => t.Status == TaskState.Running));
        var data = JsonSerializer.SerializeToNode(WorkflowViews.Of(summary), ViewJsonContext.Default.WorkflowListItemView)!.AsObject();
        if (record.PhaseId is { } phaseId && contents.Phases.FirstOrDefault(p => p.PhaseId == phaseId) is { } phase)
        {
            data["phase"] = new JsonObject { ["phase_id"] = phase.PhaseId, ["name"] = phase.Name, ["status"] = phase.Status.ToWire() };
        }

        return data;
    }
}
