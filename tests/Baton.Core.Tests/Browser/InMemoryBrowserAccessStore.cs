using Baton.Core.Browser;
using Baton.Core.Shares;
using Baton.Core.Storage;

namespace Baton.Core.Tests.Browser;

/// <summary>The browser access port in memory, for the services' tests; the stores prove the real thing in the contract.</summary>
internal sealed class InMemoryBrowserAccessStore : IBrowserAccessStore
{
    private readonly Dictionary<string, BrowserSessionRecord> sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrowserCodeRecord> codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ShareRecord> shares = new(StringComparer.Ordinal);
    private string? key;

    /// <summary>Every stored secret's hash, sessions and codes.</summary>
    public IReadOnlyList<string> Hashes => [.. sessions.Keys, .. codes.Keys];

    public Task CreateSessionAsync(BrowserSessionRecord session, string hash, CancellationToken cancellationToken = default)
    {
        sessions.Add(hash, session);
        return Task.CompletedTask;
    }

    public Task<StoredBrowserSession?> FindSessionAsync(string hash, CancellationToken cancellationToken = default) =>
        Task.FromResult(sessions.TryGetValue(hash, out var session) ? new StoredBrowserSession(session, hash) : null);

    public Task<bool> DeleteSessionAsync(string hash, CancellationToken cancellationToken = default) => Task.FromResult(sessions.Remove(hash));

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var gone = sessions.Where(s => s.Value.ExpiresAt <= now).Select(s => s.Key).ToList();
        var codesGone = codes.Where(c => c.Value.ExpiresAt <= now).Select(c => c.Key).ToList();
        gone.ForEach(h => sessions.Remove(h));
        codesGone.ForEach(h => codes.Remove(h));
        return Task.FromResult(gone.Count + codesGone.Count);
    }

    public Task CreateCodeAsync(BrowserCodeRecord code, string hash, CancellationToken cancellationToken = default)
    {
        codes.Add(hash, code);
        return Task.CompletedTask;
    }

    public Task<BrowserCodeRecord?> UseCodeAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!codes.TryGetValue(hash, out var code))
        {
            return Task.FromResult<BrowserCodeRecord?>(null);
        }

        if (code.UsedAt is null)
        {
            codes[hash] = code with { UsedAt = now };
        }

        return Task.FromResult<BrowserCodeRecord?>(code);
    }

    public Task CreateShareAsync(ShareRecord share, CancellationToken cancellationToken = default)
    {
        shares.Add(share.Id, share);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ShareRecord>> ListSharesAsync(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ShareRecord>>([.. shares.Values.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).Take(limit)]);

    public Task<ShareRecord?> FindShareAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(shares.GetValueOrDefault(id));

    public Task<ShareRecord?> RevokeShareAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!shares.TryGetValue(id, out var share) || share.IsRevoked)
        {
            return Task.FromResult<ShareRecord?>(null);
        }

        shares[id] = share with { RevokedAt = now };
        return Task.FromResult<ShareRecord?>(shares[id]);
    }

    public Task<string> GetOrAddShareKeyAsync(string candidate, CancellationToken cancellationToken = default) => Task.FromResult(key ??= candidate);
}
