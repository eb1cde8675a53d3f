using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Tools;

/// <summary>Baton's MCP tools, in the order clients list them.</summary>
internal static class BatonTools
{
    public static McpServerPrimitiveCollection<McpServerTool> Create(McpBackend backend, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(typeof(BatonTool));
        return
        [
            new TaskAsyncTool(backend, logger),
            new TaskStatusTool(backend, logger),
            new TaskCancelTool(backend, logger),
            new WorkflowCreateTool(backend, logger),
            new WorkflowAddPhaseTool(backend, logger),
            new WorkflowAddTaskTool(backend, logger),
            new WorkflowStartTool(backend, logger),
            new WorkflowStatusTool(backend, logger),
            new ListTasksTool(backend, logger),
            new GetNotificationsTool(backend, logger),
            new ListInteractionsTool(backend, logger),
            new InteractionRespondTool(backend, logger),
            new TaskInterveneTool(backend, logger),
            new ScheduleCreateTool(backend, logger),
            new ScheduleListTool(backend, logger),
            new ScheduleUpdateTool(backend, logger),
            new StreamListTool(backend, logger),
        ];
    }
}
