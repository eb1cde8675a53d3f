using System.Collections.Concurrent;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Resources;

/// <summary>
/// One MCP session's <c>resources/subscribe</c> subscriptions (up to 2025-11-25): their updates go out on the
/// session, through its server. Disposing them ends them all.
/// </summary>
internal sealed class SessionSubscriptions(McpServer server) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, IAsyncDisposable> subscribed = new(StringComparer.Ordinal);

    /// <summary>Subscribes to <paramref name="uri"/> unless the session already is; <paramref name="watch"/> starts the watch.</summary>
    public async Task SubscribeAsync(string uri, Func<Func<CancellationToken, Task>, Task<IAsyncDisposable>> watch)
    {
        if (subscribed.ContainsKey(uri))
        {
            return;
        }

        var started = await watch(ct => server.SendNotificationAsync(
            NotificationMethods.ResourceUpdatedNotification, new ResourceUpdatedNotificationParams { Uri = uri }, cancellationToken: ct));
        if (!subscribed.TryAdd(uri, started))
        {
            await started.DisposeAsync();
        }
    }

    public async Task UnsubscribeAsync(string uri)
    {
        if (subscribed.TryRemove(uri, out var watch))
        {
            await watch.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var uri in subscribed.Keys)
        {
            await UnsubscribeAsync(uri);
        }
    }
}
