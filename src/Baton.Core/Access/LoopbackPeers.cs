using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Baton.Core.Access;

/// <summary>
/// Who is at the other end of a TCP connection made from this machine. The kernel lists every TCP socket of the
/// network namespace with its owner's uid in <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>; the client's socket
/// is the one whose local end is the connection's remote end and the other way round. This is peer credentials
/// for loopback TCP: the same answer <c>SO_PEERCRED</c> gives on a Unix socket, read without the client's help.
/// </summary>
public static class LoopbackPeers
{
    private static readonly string[] Tables = ["/proc/net/tcp", "/proc/net/tcp6"];

    /// <summary>
    /// The uid of the process that owns the client end of the connection from <paramref name="client"/> to
    /// <paramref name="server"/>, or null if no such socket is listed (the client is gone, or not on this machine).
    /// </summary>
    public static int? FindOwner(IPEndPoint client, IPEndPoint server)
    {
        foreach (var table in Tables)
        {
            try
            {
                if (FindOwner(File.ReadLines(table), client, server) is { } uid)
                {
                    return uid;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // No IPv6 on this machine, or /proc hidden: the other table may still answer.
            }
        }

        return null;
    }

    /// <summary>The owner's uid from the lines of one table (its header line included), or null.</summary>
    public static int? FindOwner(IEnumerable<string> lines, IPEndPoint client, IPEndPoint server)
    {
        client = Normalize(client);
        server = Normalize(server);
        foreach (var line in lines)
        {
            // "sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...": the header has no ':' in its first field.
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8 || !fields[0].EndsWith(':'))
            {
                continue;
            }

            if (TryParse(fields[1], out var local) && local.Equals(client)
                && TryParse(fields[2], out var remote) && remote.Equals(server)
                && int.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                return uid;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads "ADDRESS:PORT" as the kernel prints it: the address as 32-bit words in the machine's byte order, each
    /// as eight hex digits (one word for IPv4, four for IPv6), the port as four hex digits.
    /// </summary>
    private static bool TryParse(string text, out IPEndPoint endPoint)
    {
        endPoint = null!;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon is not (8 or 32) || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[colon / 2];
        for (var word = 0; word < colon / 8; word++)
        {
            if (!uint.TryParse(text.AsSpan(word * 8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            if (BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.Slice(word * 4, 4), value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes.Slice(word * 4, 4), value);
            }
        }

        endPoint = Normalize(new IPEndPoint(new IPAddress(bytes), port));
        return true;
    }

    /// <summary>An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d on one side and a.b.c.d on the other.</summary>
    private static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.IsIPv4MappedToIPv6
            ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port)
            : endPoint;
}
