using System.Globalization;
using System.Security.Cryptography;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Webhooks;

namespace Baton.Core.Shares;

/// <summary>
/// The application layer for read-only share links: making one for a task or a workflow (signed, expiring),
/// listing, revoking, and checking a presented link. The signing key is made once per store and kept there, so that
/// every node verifies every link; this process keeps it in memory after the first use.
/// </summary>
public sealed class ShareService(IBrowserAccessStore store, TimeProvider time)
{
    /// <summary>How long a link lasts unless asked otherwise.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);

    /// <summary>The longest a link may last.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(90);

    private byte[]? key;

    /// <summary>
    /// Makes a link to <paramref name="targetId"/> (whose existence the caller checked) lasting <paramref name="expiresIn"/>
    /// (like <c>30m</c>, <c>24h</c>, <c>7d</c>; <see cref="DefaultLifetime"/> when null).
    /// </summary>
    public async Task<CreatedShare> CreateAsync(ShareTarget target, string targetId, string? expiresIn, string createdBy, CancellationToken cancellationToken = default)
    {
        var lifetime = Lifetime(expiresIn);
        var now = time.GetUtcNow();
        // Whole seconds, as the token carries them: the row and the link say the same time.
        var share = new ShareRecord(ShareIds.New(), target, targetId, createdBy,
            DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds()));
        await store.CreateShareAsync(share, cancellationToken);
        return new CreatedShare(share, ShareTokens.Sign(await KeyAsync(cancellationToken), share.Id, share.ExpiresAt));
    }

    /// <summary>Share links, newest first.</summary>
    public Task<IReadOnlyList<ShareRecord>> ListAsync(int limit = 1000, CancellationToken cancellationToken = default) => store.ListSharesAsync(limit, cancellationToken);

    /// <summary>Revokes a link: it shows nothing from now on.</summary>
    public async Task<ShareRecord> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        var share = await store.FindShareAsync(id, cancellationToken)
            ?? throw BatonException.NotFound($"no share link with id '{id}' ('baton share list' shows them)");
        return await store.RevokeShareAsync(share.Id, time.GetUtcNow(), cancellationToken)
            ?? throw BatonException.Conflict($"share link {share.Id} was already revoked at {share.RevokedAt:yyyy-MM-dd HH:mm:ss} UTC");
    }

    /// <summary>Checks a presented link: signed by this store, unexpired and unrevoked.</summary>
    public async Task<ShareCheck> CheckAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!ShareTokens.TryVerify(await KeyAsync(cancellationToken), token, out var id, out var expiresAt))
        {
            return new ShareCheck(ShareCheckOutcome.Invalid);
        }

        if (expiresAt <= time.GetUtcNow())
        {
            return new ShareCheck(ShareCheckOutcome.Expired);
        }

        var share = await store.FindShareAsync(id, cancellationToken);
        if (share is null || share.ExpiresAt != expiresAt)
        {
            return new ShareCheck(ShareCheckOutcome.Invalid);
        }

        return share.IsRevoked ? new ShareCheck(ShareCheckOutcome.Revoked, share) : new ShareCheck(ShareCheckOutcome.Valid, share);
    }

    /// <summary>Reads a lifetime such as <c>24h</c>; invalid input says what is accepted.</summary>
    public static TimeSpan Lifetime(string? expiresIn)
    {
        if (expiresIn is null)
        {
            return DefaultLifetime;
        }

        var parsed = DurationText.TryParse(expiresIn);
        if (parsed is not { } lifetime || lifetime < TimeSpan.FromMinutes(1) || lifetime > MaxLifetime)
        {
            throw BatonException.Invalid(
                $"expires_in '{expiresIn}' is not a lifetime from 1m to {MaxLifetime.TotalDays.ToString(CultureInfo.InvariantCulture)}d; write it like 30m, 24h or 7d");
        }

        return lifetime;
    }

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (key is { } known)
        {
            return known;
        }

        var stored = await store.GetOrAddShareKeyAsync(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), cancellationToken);
        key = Convert.FromHexString(stored);
        return key;
    }
}
