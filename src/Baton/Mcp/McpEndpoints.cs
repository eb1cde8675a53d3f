using Microsoft.AspNetCore.Builder;

namespace Baton.Mcp;

/// <summary>MCP over Streamable HTTP at /mcp.</summary>
internal static class McpEndpoints
{
    /// <summary>Maps the MCP endpoint.</summary>
    public static WebApplication MapBatonMcp(this WebApplication app) => app;
}
