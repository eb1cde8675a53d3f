using System.Net;
using Baton.Core.Access;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Baton.Access;

/// <summary>
/// The account at the other end of a request's connection, when it comes from this machine: looked up once per
/// connection (keep-alive requests reuse the answer) from the kernel's socket tables.
/// </summary>
internal static class ConnectionPeer
{
    private static readonly object Key = new();

    /// <summary>The uid owning the client's socket, or null if the connection is not from this machine or is gone.</summary>
    public static int? UidOf(HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is not null && items.TryGetValue(Key, out var cached))
        {
            return (int?)cached;
        }

        var connection = context.Connection;
        var uid = connection.RemoteIpAddress is { } remote && connection.LocalIpAddress is { } local
            && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
            ? LoopbackPeers.FindOwner(new IPEndPoint(remote, connection.RemotePort), new IPEndPoint(local, connection.LocalPort))
            : null;
        if (items is not null)
        {
            items[Key] = uid;
        }

        return uid;
    }
}
