using System.Text.Json;
using Baton.Core.Errors;
using Baton.Mcp.Tools;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Agent;

/// <summary>
/// A tool of the agent-side server: bound to one task and attempt, so an agent cannot name another. Failures map to
/// tool results the same way as Baton's other tools: bad arguments and Baton's own errors come back as <c>isError</c>
/// results the agent can act on; anything else is logged and reported without its details.
/// </summary>
internal abstract partial class AgentTool(AgentRun run, Task<AgentMcpServices> services, Tool definition, ILogger logger) : McpServerTool
{
    protected AgentRun Run { get; } = run;

    public override Tool ProtocolTool { get; } = definition;

    public override IReadOnlyList<object> Metadata { get; } = [];

    private IReadOnlyCollection<string> Known { get; } = [.. definition.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name)];

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        var name = ProtocolTool.Name;
        try
        {
            var raw = request.Params?.Arguments;
            var arguments = new ToolArguments(name, raw, Known);
            return await RunAsync(arguments, raw, await services.WaitAsync(cancellationToken), cancellationToken);
        }
        catch (ToolArgumentException ex)
        {
            return ToolResults.Error($"{name}: {ex.Message}", "invalid_input");
        }
        catch (BatonException ex)
        {
            return ToolResults.Error($"{name}: {ex.Message}", JsonNamingPolicy.SnakeCaseLower.ConvertName(ex.Kind.ToString()));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogToolFailed(logger, ex, name);
            return ToolResults.Error($"{name} failed with an internal error ({ex.GetType().Name}); go on with the task without it", "internal");
        }
    }

    protected abstract Task<CallToolResult> RunAsync(
        ToolArguments arguments, IDictionary<string, JsonElement>? raw, AgentMcpServices services, CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Agent MCP tool {Tool} failed")]
    private static partial void LogToolFailed(ILogger logger, Exception exception, string tool);
}
