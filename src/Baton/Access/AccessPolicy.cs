using Baton.Configuration;
using Baton.Core.Access;

namespace Baton.Access;

/// <summary>
/// Whether HTTP callers must present an API token: when baton.json says "require_tokens": true, and always when
/// the daemon listens on an address other machines can reach (<see cref="Exposed"/>).
/// </summary>
internal sealed record AccessPolicy(bool TokensRequired, IReadOnlyList<string> Exposed)
{
    public static AccessPolicy For(BatonSettings settings)
    {
        var exposed = LoopbackAddresses.Exposed(settings.Urls);
        return new AccessPolicy(settings.RequireTokens || exposed.Count > 0, exposed);
    }
}
