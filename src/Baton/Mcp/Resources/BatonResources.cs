using System.Text.Json;
using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Resources;

/// <summary>
/// Tasks and workflows as MCP resources: <c>baton://tasks/{task_id}</c> and <c>baton://workflows/{workflow_id}</c>,
/// each the same JSON view task_status and workflow_status return. Listing shows the recent ones.
/// </summary>
internal sealed class BatonResources(McpBackend backend)
{
    private const string Json = "application/json";
    private const int ListedTasks = 20;
    private const int ListedWorkflows = 10;

    public static ValueTask<ListResourceTemplatesResult> ListTemplates() => ValueTask.FromResult(new ListResourceTemplatesResult
    {
        ResourceTemplates =
        [
            new ResourceTemplate
            {
                Name = "task",
                Title = "Baton task",
                UriTemplate = ResourceUris.TaskTemplate,
                Description = "A task as task_status shows it: status, progress, attempts, result or error, tokens, cost. Subscribe to hear when it changes state.",
                MimeType = Json,
            },
            new ResourceTemplate
            {
                Name = "workflow",
                Title = "Baton workflow",
                UriTemplate = ResourceUris.WorkflowTemplate,
                Description = "A workflow as workflow_status shows it: phases, tasks, progress. Subscribe to hear when it or one of its tasks changes state.",
                MimeType = Json,
            },
        ],
    });

    public async ValueTask<ListResourcesResult> ListAsync(CancellationToken cancellationToken)
    {
        var services = await backend.Services.WaitAsync(cancellationToken);
        var tasks = await services.Tasks.ListAsync(new TaskQuery(Limit: ListedTasks), cancellationToken);
        var workflows = await services.Workflows.ListAsync(new WorkflowQuery(Limit: ListedWorkflows), cancellationToken);
        return new ListResourcesResult
        {
            Resources =
            [
                .. workflows.Select(w => new Resource
                {
                    Uri = ResourceUris.Workflow(w.Workflow.Id),
                    Name = $"workflow {w.Workflow.Id}",
                    Title = w.Workflow.Name,
                    Description = $"workflow, {w.Workflow.Status.ToWire()}",
                    MimeType = Json,
                }),
                .. tasks.Select(t => new Resource
                {
                    Uri = ResourceUris.Task(t.Id),
                    Name = $"task {t.Id}",
                    Title = t.Definition.Name,
                    Description = $"task, {t.Status.ToWire()}",
                    MimeType = Json,
                }),
            ],
        };
    }

    public async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri;
        if (!ResourceUris.TryParse(uri, out var kind, out var id))
        {
            throw new McpProtocolException(ResourceUris.Unknown(uri), McpErrorCode.ResourceNotFound);
        }

        var services = await backend.Services.WaitAsync(cancellationToken);
        string text;
        try
        {
            text = kind == ResourceKind.Task ? await TaskJsonAsync(services, id, cancellationToken) : await WorkflowJsonAsync(services, id, cancellationToken);
        }
        catch (BatonException ex) when (ex.Kind is ErrorKind.NotFound or ErrorKind.InvalidInput)
        {
            throw new McpProtocolException(ex.Message, McpErrorCode.ResourceNotFound);
        }

        return new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri!, MimeType = Json, Text = text }] };
    }

    private static async Task<string> TaskJsonAsync(McpServices services, string id, CancellationToken cancellationToken)
    {
        var details = await services.Tasks.GetAsync(id, cancellationToken);
        return JsonSerializer.Serialize(Views.Of(details.Task, details.Attempts), ViewJsonContext.Default.TaskView);
    }

    private static async Task<string> WorkflowJsonAsync(McpServices services, string id, CancellationToken cancellationToken) =>
        JsonSerializer.Serialize(WorkflowViews.Of(await services.Workflows.GetAsync(id, cancellationToken)), ViewJsonContext.Default.WorkflowView);
}
