using Baton.Core.Application;
using Baton.Core.Notifications;
using Baton.Core.Storage;
using Baton.Core.Webhooks;

namespace Baton.Mcp;

/// <summary>The application layer the tools call, and the stores the resource watcher reads.</summary>
internal sealed record McpServices(
    TaskService Tasks,
    WorkflowService Workflows,
    ITaskStore TaskStore,
    IWorkflowStore WorkflowStore,
    NotificationService Notifications,
    WebhookService? Webhooks = null);
