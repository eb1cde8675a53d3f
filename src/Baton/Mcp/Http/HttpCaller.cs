using Baton.Access;
using Microsoft.AspNetCore.Http;

namespace Baton.Mcp.Http;

/// <summary>Who calls /mcp, as access control says: the one place MCP asks it.</summary>
internal static class HttpCaller
{
    public static McpCaller Of(HttpContext context) => new(Caller.Name(context), Caller.CanWrite(context));
}
