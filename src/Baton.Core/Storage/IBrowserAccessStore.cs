using Baton.Core.Browser;
using Baton.Core.Shares;

namespace Baton.Core.Storage;

/// <summary>
/// What lets a browser in: its sessions, the one-time sign-in codes that open them, read-only share links, and the
/// key that signs those links. Secrets are kept as their SHA-256 only (as API tokens are); the share key is the one
/// secret stored as it is, since every node must sign and verify with it. Every method is one statement or one
/// transaction, so any node on a shared database sees the same answer.
/// </summary>
public interface IBrowserAccessStore
{
    /// <summary>Stores a new session under the hash of its secret.</summary>
    Task CreateSessionAsync(BrowserSessionRecord session, string hash, CancellationToken cancellationToken = default);

    /// <summary>The session whose secret has this hash, expired or not; null if there is none.</summary>
    Task<StoredBrowserSession?> FindSessionAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Ends the session with this hash; false if there was none.</summary>
    Task<bool> DeleteSessionAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Forgets sessions and sign-in codes that expired before <paramref name="now"/>; returns how many went.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Stores a new one-time sign-in code under the hash of its secret.</summary>
    Task CreateCodeAsync(BrowserCodeRecord code, string hash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the code with this hash used at <paramref name="now"/> unless it was used already, in one step, and
    /// returns it as it was before (so <see cref="BrowserCodeRecord.UsedAt"/> is set when someone used it first);
    /// null if no code has this hash. Expiry is the caller's to judge.
    /// </summary>
    Task<BrowserCodeRecord?> UseCodeAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Stores a new share link.</summary>
    Task CreateShareAsync(ShareRecord share, CancellationToken cancellationToken = default);

    /// <summary>Every share link, revoked and expired ones included, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ShareRecord>> ListSharesAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>The share link with this id; null if there is none.</summary>
    Task<ShareRecord?> FindShareAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Revokes a share link; returns it as revoked, or null if there is no such link or it was revoked already.</summary>
    Task<ShareRecord?> RevokeShareAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The key that signs share links: <paramref name="candidate"/> if none is stored yet (it is stored then), else
    /// the stored one. Nodes that race store one key between them.
    /// </summary>
    Task<string> GetOrAddShareKeyAsync(string candidate, CancellationToken cancellationToken = default);
}
