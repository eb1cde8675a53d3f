using Baton.Core.Access;

namespace Baton.Core.Storage;

/// <summary>
/// API tokens. The store holds each token's SHA-256, never the token; nothing it returns for listing carries the
/// hash either. Every method is one statement or one transaction.
/// </summary>
public interface ITokenStore
{
    /// <summary>Stores a new token with the hash of its secret; false if a token (revoked or not) has that name.</summary>
    Task<bool> CreateAsync(ApiTokenRecord token, string hash, CancellationToken cancellationToken = default);

    /// <summary>Every token, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiTokenRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The token with this id, else the one with this name; null if there is neither.</summary>
    Task<ApiTokenRecord?> FindAsync(string idOrName, CancellationToken cancellationToken = default);

    /// <summary>The token whose secret has this hash, revoked or not; null if there is none.</summary>
    Task<StoredApiToken?> FindByHashAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Revokes the token; returns it as revoked, or null if there is no such token or it was revoked already.</summary>
    Task<ApiTokenRecord?> RevokeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a use at <paramref name="now"/> unless one was recorded less than <paramref name="resolution"/> before;
    /// true if it wrote.
    /// </summary>
    Task<bool> TouchAsync(string id, DateTimeOffset now, TimeSpan resolution, CancellationToken cancellationToken = default);

    /// <summary>How many tokens are not revoked.</summary>
    Task<int> CountActiveAsync(CancellationToken cancellationToken = default);
}
