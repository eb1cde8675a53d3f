using Baton.Core.Access;
using Baton.Core.Errors;
using Baton.Core.Storage;

namespace Baton.Core.Tests.Access;

/// <summary>An <see cref="ITokenStore"/> in a list, with counters and a switch to make writes of last use fail.</summary>
internal sealed class InMemoryTokenStore : ITokenStore
{
    private readonly Lock gate = new();
    private readonly List<(ApiTokenRecord Token, string Hash)> rows = [];

    public int Touches { get; private set; }

    public bool FailTouches { get; set; }

    public IReadOnlyList<string> Hashes
    {
        get
        {
            lock (gate)
            {
                return [.. rows.Select(r => r.Hash)];
            }
        }
    }

    public Task<bool> CreateAsync(ApiTokenRecord token, string hash, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (rows.Any(r => r.Token.Name == token.Name))
            {
                return Task.FromResult(false);
            }

            rows.Add((token, hash));
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<ApiTokenRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ApiTokenRecord>>([.. rows.Select(r => r.Token)]);
        }
    }

    public Task<ApiTokenRecord?> FindAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(rows.Select(r => r.Token).FirstOrDefault(t => t.Id == idOrName) ?? rows.Select(r => r.Token).FirstOrDefault(t => t.Name == idOrName));
        }
    }

    public Task<StoredApiToken?> FindByHashAsync(string hash, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(rows.Where(r => r.Hash == hash).Select(r => new StoredApiToken(r.Token, r.Hash)).FirstOrDefault());
        }
    }

    public Task<ApiTokenRecord?> RevokeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var index = rows.FindIndex(r => r.Token.Id == id && !r.Token.IsRevoked);
            if (index < 0)
            {
                return Task.FromResult<ApiTokenRecord?>(null);
            }

            rows[index] = (rows[index].Token with { RevokedAt = now }, rows[index].Hash);
            return Task.FromResult<ApiTokenRecord?>(rows[index].Token);
        }
    }

    public Task<bool> TouchAsync(string id, DateTimeOffset now, TimeSpan resolution, CancellationToken cancellationToken = default)
    {
        if (FailTouches)
        {
            throw new BatonException(ErrorKind.Unavailable, "the database is locked");
        }

        lock (gate)
        {
            Touches++;
            var index = rows.FindIndex(r => r.Token.Id == id);
            if (rows[index].Token.LastUsedAt is { } last && last > now - resolution)
            {
                return Task.FromResult(false);
            }

            rows[index] = (rows[index].Token with { LastUsedAt = now }, rows[index].Hash);
            return Task.FromResult(true);
        }
    }

    public Task<int> CountActiveAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(rows.Count(r => !r.Token.IsRevoked));
        }
    }
}
