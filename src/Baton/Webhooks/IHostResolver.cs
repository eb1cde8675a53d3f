using System.Net;

namespace Baton.Webhooks;

/// <summary>Turns a receiver's host name into addresses. The dispatcher resolves names itself so that it can check every address it might connect to.</summary>
internal interface IHostResolver
{
    /// <summary>Every address of <paramref name="host"/>.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default);
}
