using Baton.Mcp.Resources;
using ModelContextProtocol.Server;

namespace Baton.Mcp;

/// <summary>One MCP session: the SDK's server over one transport, and the session's resource subscriptions.</summary>
internal sealed class BatonSession(McpServer server, SessionSubscriptions subscriptions) : IAsyncDisposable
{
    public McpServer Server => server;

    /// <summary>Serves the session until its transport closes or <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken = default) => server.RunAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await subscriptions.DisposeAsync();
        await server.DisposeAsync();
    }
}
