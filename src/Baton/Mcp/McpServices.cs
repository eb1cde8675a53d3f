using Baton.Core.Application;
using Baton.Core.Events;
using Baton.Core.Storage;

namespace Baton.Mcp;

/// <summary>The application layer the tools call, and the event log whose feed the resource watcher follows.</summary>
internal sealed record McpServices(TaskService Tasks, WorkflowService Workflows, IEventStore EventStore, EventFeed Events);
