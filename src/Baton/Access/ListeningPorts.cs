using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Baton.Access;

/// <summary>
/// The ports the daemon really listens on, read from the server once it has bound them (a configured port 0 becomes
/// a real one only then). Requests arrive only after binding, so the first request fixes the answer.
/// </summary>
internal sealed class ListeningPorts(IServer server)
{
    private IReadOnlyCollection<int>? ports;

    public IReadOnlyCollection<int> Get()
    {
        if (ports is { } known)
        {
            return known;
        }

        var found = new HashSet<int>();
        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            var colon = address.LastIndexOf(':');
            if (colon > 0 && int.TryParse(address.AsSpan(colon + 1).TrimEnd('/'), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                found.Add(port);
            }
        }

        if (found.Count > 0)
        {
            ports = found;
        }

        return found;
    }
}
