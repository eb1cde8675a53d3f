using System.Collections.Concurrent;
using Baton.Mcp.Resources;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Http;

/// <summary>
/// The daemon's live MCP sessions by id, as the SDK's hosting runs them: it creates, bounds and closes them; this
/// only learns of each one while it runs, so that a request can be checked against the protocol version its
/// session agreed on, and its resource subscriptions end with it.
/// </summary>
internal sealed class McpHttpSessions(McpSubscriptions subscriptions)
{
    private readonly ConcurrentDictionary<string, McpServer> running = new(StringComparer.Ordinal);

    /// <summary>The protocol version the session agreed at initialize; null for an unknown session or before.</summary>
    public string? ProtocolVersionOf(string sessionId) => running.GetValueOrDefault(sessionId)?.NegotiatedProtocolVersion;

    public bool IsRunning(string sessionId) => running.ContainsKey(sessionId);

    /// <summary>Runs one session (or, without sessions, one request) until the SDK ends it.</summary>
    public async Task RunAsync(HttpContext context, McpServer server, CancellationToken cancellationToken)
    {
        var id = server.SessionId;
        if (id is not null)
        {
            running[id] = server;
        }

        try
        {
            await server.RunAsync(cancellationToken);
        }
        finally
        {
            if (id is not null)
            {
                running.TryRemove(id, out _);
            }

            await subscriptions.EndSessionAsync(server);
        }
    }
}
