using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Baton.Core.Errors;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Resources;

/// <summary>
/// Resource subscriptions, both ways the protocol offers them: <c>resources/subscribe</c> (up to 2025-11-25; kept
/// per session and ended with it by <see cref="EndSessionAsync"/>) and <c>subscriptions/listen</c> (2026-07-28;
/// updates go out on the listen request's own stream, tagged with its id, until the client cancels it).
/// </summary>
internal sealed class McpSubscriptions(ResourceWatcher watcher, TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<McpServer, SessionSubscriptions> sessions = new();

    public async ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri;
        if (!ResourceUris.TryParse(uri, out var kind, out var id))
        {
            throw new McpProtocolException(ResourceUris.Unknown(uri), McpErrorCode.ResourceNotFound);
        }

        var session = sessions.GetOrAdd(request.Server, static server => new SessionSubscriptions(server));
        await session.SubscribeAsync(uri!, changed => WatchAsync(kind, id, changed, cancellationToken));
        return new EmptyResult();
    }

    public async ValueTask<EmptyResult> UnsubscribeAsync(RequestContext<UnsubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        if (request.Params?.Uri is { } uri && sessions.TryGetValue(request.Server, out var session))
        {
            await session.UnsubscribeAsync(uri);
        }

        return new EmptyResult();
    }

    /// <summary>Ends a session's subscriptions; called when its server stops.</summary>
    public async Task EndSessionAsync(McpServer server)
    {
        if (sessions.TryRemove(server, out var session))
        {
            await session.DisposeAsync();
        }
    }

    /// <summary>
    /// A <c>subscriptions/listen</c> request: grants the requested Baton resources that exist (and nothing else),
    /// acknowledges, then streams their updates until the client cancels the request.
    /// </summary>
    public async ValueTask<EmptyResult> ListenAsync(RequestContext<SubscriptionsListenRequestParams> request, CancellationToken cancellationToken)
    {
        var server = request.Server;
        var subscriptionId = request.JsonRpcRequest.Id.Id switch
        {
            long number => JsonValue.Create(number),
            var other => JsonValue.Create(other?.ToString()),
        };
        var watches = new List<IAsyncDisposable>();
        var granted = new List<string>();
        try
        {
            foreach (var uri in (request.Params?.Notifications?.ResourceSubscriptions ?? []).Distinct(StringComparer.Ordinal).Take(100))
            {
                if (!ResourceUris.TryParse(uri, out var kind, out var id))
                {
                    continue;
                }

                try
                {
                    watches.Add(await WatchAsync(kind, id, ct => server.SendNotificationAsync(
                        NotificationMethods.ResourceUpdatedNotification,
                        new JsonObject { ["uri"] = uri, ["_meta"] = Meta(subscriptionId) },
                        cancellationToken: ct), cancellationToken));
                    granted.Add(uri);
                }
                catch (McpProtocolException)
                {
                    // Not found or not an id: not granted, which is how the client learns of it.
                }
            }

            var notifications = new JsonObject();
            if (granted.Count > 0)
            {
                notifications["resourceSubscriptions"] = new JsonArray([.. granted.Select(g => (JsonNode)g)]);
            }

            await server.SendNotificationAsync(
                NotificationMethods.SubscriptionsAcknowledgedNotification,
                new JsonObject { ["notifications"] = notifications, ["_meta"] = Meta(subscriptionId) },
                cancellationToken: cancellationToken);
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client stopped listening, which is how a listen ends.
        }
        finally
        {
            foreach (var watch in watches)
            {
                await watch.DisposeAsync();
            }
        }

        return new EmptyResult();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in sessions.Keys)
        {
            await EndSessionAsync(server);
        }
    }

    /// <summary>Watches a resource; Baton's not-found and bad-id errors become the protocol's resource-not-found error.</summary>
    private async Task<IAsyncDisposable> WatchAsync(ResourceKind kind, string id, Func<CancellationToken, Task> changed, CancellationToken cancellationToken)
    {
        try
        {
            return await watcher.WatchAsync(kind, id, changed, cancellationToken);
        }
        catch (BatonException ex) when (ex.Kind is ErrorKind.NotFound or ErrorKind.InvalidInput)
        {
            throw new McpProtocolException(ex.Message, McpErrorCode.ResourceNotFound);
        }
    }

    private static JsonObject Meta(JsonNode? subscriptionId) => new() { [MetaKeys.SubscriptionId] = subscriptionId?.DeepClone() };
}
