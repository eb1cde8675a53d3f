using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Baton.Core.Initiatives.Views;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary>
/// <c>stream_list</c>: the streams of the current initiative with Task Copilot's field names (streamId, streamName,
/// streamPhase, totalTasks, completedTasks, inProgressTasks, progressPercentage, dependencies, worktreePath), so that
/// its <c>/orchestration</c> command reads Baton as it read Task Copilot.
/// </summary>
internal sealed class StreamListTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: false, logger)
{
    public const string ToolName = "stream_list";

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "The streams of the current initiative (the newest running one unless initiative is given): per stream its id, name, phase "
        + "(foundation, parallel, integration), total, completed and in-progress tasks, progress percentage, the streams it depends on, "
        + "its status, branch and worktree path.",
        new JsonObject
        {
            ["initiative"] = ToolSchema.String("An initiative's id (ini_...) or name; default: the newest running one, else the newest", 80),
        },
        [],
        ToolSchema.ReadOnly("List streams"));

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var initiatives = services.Initiatives ?? throw new ToolArgumentException("initiatives are not available here");
        var current = await initiatives.CurrentAsync(arguments.String("initiative", 80), cancellationToken);
        var view = StreamStatusListView.Of(current);
        if (view.Initiative is not { } initiative)
        {
            return ToolResults.Success("No active initiative. Create one with 'baton initiative run FILE'.", view, StreamStatusJsonContext.Default.StreamStatusListView);
        }

        var text = new StringBuilder($"Initiative {initiative.Name} ({initiative.Id}) is {initiative.Status}; {view.Streams.Count} stream(s):");
        foreach (var stream in view.Streams)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture,
                $"- {stream.StreamId} ({stream.StreamPhase}) {stream.StreamName}: {stream.CompletedTasks}/{stream.TotalTasks} tasks, {stream.ProgressPercentage}%, {stream.Status}");
            if (stream.Dependencies.Count > 0)
            {
                text.Append(", depends on ").Append(string.Join(", ", stream.Dependencies));
            }
        }

        return ToolResults.Success(text.ToString(), view, StreamStatusJsonContext.Default.StreamStatusListView);
    }
}
