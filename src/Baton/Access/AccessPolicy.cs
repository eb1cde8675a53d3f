using Baton.Configuration;
using Baton.Core.Access;

namespace Baton.Access;

/// <summary>
/// Who may call the daemon over HTTP without a token. By default only its owner — the account that runs it,
/// recognised by the uid that owns the client's end of a loopback connection — and nobody else on the machine.
/// Tokens are required from everyone (the owner too) when baton.json says "require_tokens": true, and always when
/// the daemon listens on an address other machines can reach (<see cref="Exposed"/>). "allow_other_users": true
/// lets every account of this machine in over loopback, as on a single-user machine.
/// </summary>
internal sealed record AccessPolicy(bool TokensRequired, bool AllowOtherUsers, IReadOnlyList<string> Exposed, int OwnerUid)
{
    public static AccessPolicy For(BatonSettings settings)
    {
        var exposed = LoopbackAddresses.Exposed(settings.Urls);
        return new AccessPolicy(settings.RequireTokens || exposed.Count > 0, settings.AllowOtherUsers, exposed, LocalUsers.CurrentUid);
    }
}
