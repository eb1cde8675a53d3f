using System.Globalization;
using Baton.Core.Errors;

namespace Baton.Access;

/// <summary>
/// Extra names the daemon answers to (baton.json "allowed_hosts"): "name:port" allows exactly that, as a Host and as
/// an Origin; a bare "name" allows that name on any port. For a proxy or a tunnel that reaches the daemon under
/// another name or port.
/// </summary>
internal sealed class AllowedHosts
{
    private readonly HashSet<string> anyPort = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> exact = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the entries; throws invalid input naming the first one that is not "name" or "name:port".</summary>
    public static AllowedHosts Parse(IEnumerable<string> entries)
    {
        var hosts = new AllowedHosts();
        foreach (var entry in entries)
        {
            var (name, port) = Split(entry);
            if (port is null)
            {
                hosts.anyPort.Add(name);
            }
            else
            {
                hosts.exact.Add($"{name}:{port}");
            }
        }

        return hosts;
    }

    public bool Allows(string host, int port) =>
        anyPort.Contains(host) || exact.Contains($"{host}:{port.ToString(CultureInfo.InvariantCulture)}");

    private static (string Name, string? Port) Split(string entry)
    {
        var text = entry.Trim();
        string name;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            name = close > 1 ? text[1..close] : string.Empty;
            port = close > 0 && close + 1 < text.Length && text[close + 1] == ':' ? text[(close + 2)..] : close + 1 == text.Length ? null : string.Empty;
        }
        else
        {
            var colon = text.LastIndexOf(':');
            name = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }

        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal) && !text.StartsWith('[')
            || port is not null && !(int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536))
        {
            throw BatonException.Invalid(
                $"baton.json \"allowed_hosts\": '{entry}' is not a host name with an optional port; write entries like \"baton.example.org\" or \"localhost:8000\" (no scheme, no path)");
        }

        return (name, port);
    }
}
