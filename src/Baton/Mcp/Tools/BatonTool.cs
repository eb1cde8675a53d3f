using System.Text.Json;
using Baton.Core.Errors;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Tools;

/// <summary>
/// A Baton tool: reads its arguments, checks that the caller may write if it writes, and runs against the
/// application layer. This is MCP's one place that maps failures to tool results: bad arguments and Baton's own
/// errors come back as <c>isError</c> results with their message; anything else is logged and reported as an
/// internal error without its details.
/// </summary>
internal abstract partial class BatonTool(McpBackend backend, Tool definition, bool writes, ILogger logger) : McpServerTool
{
    protected McpBackend Backend { get; } = backend;

    public override Tool ProtocolTool { get; } = definition;

    public override IReadOnlyList<object> Metadata { get; } = [];

    /// <summary>The argument names the tool takes: its schema's properties.</summary>
    private IReadOnlyCollection<string> Known { get; } = ArgumentNames(definition);

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        var name = ProtocolTool.Name;
        try
        {
            var caller = McpCaller.From(request.User, Backend.DefaultCaller);
            if (writes && !caller.CanWrite)
            {
                return ToolResults.Error($"{name} changes tasks or workflows, and {caller.Name} may only read; use a token with the write scope", "forbidden");
            }

            var arguments = new ToolArguments(name, request.Params?.Arguments, Known);
            var services = await Backend.Services.WaitAsync(cancellationToken);
            return await RunAsync(arguments, caller, services, cancellationToken);
        }
        catch (ToolArgumentException ex)
        {
            return ToolResults.Error($"{name}: {ex.Message}", "invalid_input");
        }
        catch (BatonException ex)
        {
            return ToolResults.Error(McpErrorText.Of(ex.Message), JsonNamingPolicy.SnakeCaseLower.ConvertName(ex.Kind.ToString()));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogToolFailed(logger, ex, name);
            return ToolResults.Error($"{name} failed with an internal error ({ex.GetType().Name}); this is a bug in Baton, please report it", "internal");
        }
    }

    protected abstract Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken);

    private static string[] ArgumentNames(Tool tool) =>
        [.. tool.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name)];

    [LoggerMessage(Level = LogLevel.Error, Message = "MCP tool {Tool} failed")]
    private static partial void LogToolFailed(ILogger logger, Exception exception, string tool);
}
