using System.Net;

namespace Baton.Tests.Webhooks;

/// <summary>A resolver that answers chosen names with chosen addresses (a name pointing at cloud metadata, say).</summary>
internal sealed class MappedResolver(Dictionary<string, IPAddress[]> names) : Baton.Webhooks.IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default) =>
        Task.FromResult(names.TryGetValue(host, out var addresses) ? addresses : [IPAddress.Parse(host)]);
}
