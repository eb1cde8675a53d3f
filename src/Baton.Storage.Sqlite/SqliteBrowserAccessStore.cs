using Baton.Core.Access;
using Baton.Core.Browser;
using Baton.Core.Errors;
using Baton.Core.Shares;
using Baton.Core.Storage;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Browser sessions, one-time sign-in codes, share links and the share key in SQLite (migration 0013): hashes of
/// secrets only, looked up by primary key.
/// </summary>
public sealed class SqliteBrowserAccessStore : IBrowserAccessStore, IAsyncDisposable
{
    private const string SessionColumns = "id, token_id, name, scope, created_at, expires_at, hash";
    private const string ShareColumns = "id, target_kind, target_id, created_by, created_at, expires_at, revoked_at";
    private readonly SqliteDatabase database;

    /// <summary>Creates the store over the database file in <paramref name="options"/> (already migrated).</summary>
    public SqliteBrowserAccessStore(SqliteStoreOptions options) => database = new SqliteDatabase(options);

    /// <inheritdoc />
    public Task CreateSessionAsync(BrowserSessionRecord session, string hash, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async s => await s.Command(
                """
                INSERT INTO browser_sessions (hash, id, token_id, name, scope, created_at, expires_at)
                VALUES ($hash, $id, $token, $name, $scope, $created, $expires)
                """).With("$hash", hash).With("$id", session.Id).With("$token", session.TokenId).With("$name", session.Name)
                .With("$scope", session.Scope.ToWire()).With("$created", ToUnixMs(session.CreatedAt)).With("$expires", ToUnixMs(session.ExpiresAt))
                .ExecuteNonQueryAsync(cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<StoredBrowserSession?> FindSessionAsync(string hash, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = Command(connection, $"SELECT {SessionColumns} FROM browser_sessions WHERE hash = $hash").With("$hash", hash);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? new StoredBrowserSession(ReadSession(reader), reader.GetString(6)) : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteSessionAsync(string hash, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async s => await s.Command("DELETE FROM browser_sessions WHERE hash = $hash").With("$hash", hash).ExecuteNonQueryAsync(cancellationToken) == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async s =>
                await s.Command("DELETE FROM browser_sessions WHERE expires_at <= $now").With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken)
                + await s.Command("DELETE FROM browser_codes WHERE expires_at <= $now").With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task CreateCodeAsync(BrowserCodeRecord code, string hash, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async s => await s.Command("INSERT INTO browser_codes (hash, name, created_at, expires_at) VALUES ($hash, $name, $created, $expires)")
                .With("$hash", hash).With("$name", code.Name).With("$created", ToUnixMs(code.CreatedAt)).With("$expires", ToUnixMs(code.ExpiresAt))
                .ExecuteNonQueryAsync(cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<BrowserCodeRecord?> UseCodeAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async s =>
            {
                BrowserCodeRecord? found;
                await using (var reader = await s.Command("SELECT name, created_at, expires_at, used_at FROM browser_codes WHERE hash = $hash")
                    .With("$hash", hash).ExecuteReaderAsync(cancellationToken))
                {
                    found = await reader.ReadAsync(cancellationToken)
                        ? new BrowserCodeRecord(reader.GetString(0), FromUnixMs(reader.GetInt64(1)), FromUnixMs(reader.GetInt64(2)), reader.GetTimeOrNull(3))
                        : null;
                }

                if (found is { UsedAt: null })
                {
                    await s.Command("UPDATE browser_codes SET used_at = $now WHERE hash = $hash").With("$hash", hash).With("$now", ToUnixMs(now))
                        .ExecuteNonQueryAsync(cancellationToken);
                }

                return found;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task CreateShareAsync(ShareRecord share, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async s => await s.Command(
                """
                INSERT INTO shares (id, target_kind, target_id, created_by, created_at, expires_at)
                VALUES ($id, $kind, $target, $by, $created, $expires)
                """).With("$id", share.Id).With("$kind", share.TargetKind.ToWire()).With("$target", share.TargetId).With("$by", share.CreatedBy)
                .With("$created", ToUnixMs(share.CreatedAt)).With("$expires", ToUnixMs(share.ExpiresAt)).ExecuteNonQueryAsync(cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ShareRecord>> ListSharesAsync(int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<ShareRecord>>(
            async connection =>
            {
                await using var command = Command(connection, $"SELECT {ShareColumns} FROM shares ORDER BY created_at DESC, id DESC LIMIT $limit").With("$limit", limit);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var shares = new List<ShareRecord>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    shares.Add(ReadShare(reader));
                }

                return shares;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<ShareRecord?> FindShareAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = Command(connection, $"SELECT {ShareColumns} FROM shares WHERE id = $id").With("$id", id);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? ReadShare(reader) : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<ShareRecord?> RevokeShareAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async s =>
            {
                var revoked = await s.Command("UPDATE shares SET revoked_at = $now WHERE id = $id AND revoked_at IS NULL")
                    .With("$id", id).With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken);
                if (revoked == 0)
                {
                    return null;
                }

                await using var reader = await s.Command($"SELECT {ShareColumns} FROM shares WHERE id = $id").With("$id", id).ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? ReadShare(reader) : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<string> GetOrAddShareKeyAsync(string candidate, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async s =>
            {
                await s.Command("INSERT INTO signing_keys (name, value) VALUES ('share', $value) ON CONFLICT (name) DO NOTHING")
                    .With("$value", candidate).ExecuteNonQueryAsync(cancellationToken);
                return (string)(await s.Command("SELECT value FROM signing_keys WHERE name = 'share'").ExecuteScalarAsync(cancellationToken))!;
            },
            cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private static BrowserSessionRecord ReadSession(SqliteDataReader reader)
    {
        var scope = TokenScopes.TryParse(reader.GetString(3), out var parsed)
            ? parsed.Value
            : throw new BatonException(ErrorKind.StoreFailure, $"browser session {reader.GetString(0)} has a scope this version does not know ('{reader.GetString(3)}'); sign in again or upgrade Baton");
        return new BrowserSessionRecord(reader.GetString(0), reader.GetStringOrNull(1), reader.GetString(2), scope, FromUnixMs(reader.GetInt64(4)), FromUnixMs(reader.GetInt64(5)));
    }

    private static ShareRecord ReadShare(SqliteDataReader reader)
    {
        var kind = ShareTargets.TryParse(reader.GetString(1))
            ?? throw new BatonException(ErrorKind.StoreFailure, $"share link {reader.GetString(0)} shows a kind this version does not know ('{reader.GetString(1)}'); revoke it or upgrade Baton");
        return new ShareRecord(reader.GetString(0), kind, reader.GetString(2), reader.GetString(3), FromUnixMs(reader.GetInt64(4)), FromUnixMs(reader.GetInt64(5)), reader.GetTimeOrNull(6));
    }
}
