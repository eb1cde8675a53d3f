using Baton.Core.Application;
using Baton.Core.Notifications;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Webhooks;

namespace Baton.Mcp;

/// <summary>The application layer the tools call, and the event log whose feed the resource subscriptions follow.</summary>
internal sealed record McpServices(
    TaskService Tasks,
    WorkflowService Workflows,
    IEventStore EventStore,
    EventFeed Events,
    NotificationService Notifications,
    InteractionService Interactions,
    WebhookService? Webhooks = null,
    ScheduleService? Schedules = null,
    InitiativeService? Initiatives = null);
