using System.Security.Claims;

namespace Baton.Mcp;

/// <summary>Who calls: recorded as a task's or workflow's created_by; a caller that may only read cannot create, start or cancel.</summary>
/// <param name="Name"><c>mcp:USER</c> on stdio; over HTTP what access control says (<c>token:NAME</c>, <c>loopback</c>).</param>
/// <param name="CanWrite">False for a read-only token.</param>
internal sealed record McpCaller(string Name, bool CanWrite)
{
    private const string NameClaim = "baton:caller";
    private const string WriteClaim = "baton:write";
    private const string AuthenticationType = "baton";

    /// <summary>The caller on stdio: the user who runs the MCP server (its client started it).</summary>
    public static McpCaller StdioUser => new($"mcp:{Environment.UserName}", true);

    /// <summary>The caller as a principal, the form the SDK hands from an HTTP request to the tool it calls.</summary>
    /// <remarks>The name is also its identifier, by which the SDK's HTTP hosting binds a session to the caller that started it.</remarks>
    public ClaimsPrincipal ToPrincipal() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, Name), new Claim(NameClaim, Name), new Claim(WriteClaim, CanWrite ? "true" : "false")], AuthenticationType));

    /// <summary>The caller a request carries, or <paramref name="fallback"/> if it carries none (stdio).</summary>
    public static McpCaller From(ClaimsPrincipal? user, McpCaller fallback) =>
        user?.FindFirst(NameClaim)?.Value is { } name
            ? new McpCaller(name, user.FindFirst(WriteClaim)?.Value == "true")
            : fallback;
}
