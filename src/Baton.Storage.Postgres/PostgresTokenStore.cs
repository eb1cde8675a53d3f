using Baton.Core.Access;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>API tokens in PostgreSQL (table api_tokens): hashes only, looked up by their unique index.</summary>
internal sealed class PostgresTokenStore(PostgresDatabase database) : ITokenStore
{
    private const string Columns = "id, name, scope, created_at, last_used_at, revoked_at";


    /// <inheritdoc />
    public Task<bool> CreateAsync(ApiTokenRecord token, string hash, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command(
                """
                INSERT INTO api_tokens (id, name, scope, hash, created_at) VALUES (@id, @name, @scope, @hash, @created)
                ON CONFLICT (name) DO NOTHING
                """).With("@id", token.Id).With("@name", token.Name).With("@scope", token.Scope.ToWire()).With("@hash", hash)
                .With("@created", ToUnixMs(token.CreatedAt)).ExecuteNonQueryAsync(cancellationToken) == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiTokenRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<ApiTokenRecord>>(
            async connection =>
            {
                await using var command = Command(connection, $"SELECT {Columns} FROM api_tokens ORDER BY created_at, id");
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var tokens = new List<ApiTokenRecord>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    tokens.Add(Read(reader));
                }

                return tokens;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<ApiTokenRecord?> FindAsync(string idOrName, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = Command(connection, $"SELECT {Columns} FROM api_tokens WHERE id = @key OR name = @key ORDER BY id = @key DESC LIMIT 1")
                    .With("@key", idOrName);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<StoredApiToken?> FindByHashAsync(string hash, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = Command(connection, $"SELECT {Columns}, hash FROM api_tokens WHERE hash = @hash").With("@hash", hash);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? new StoredApiToken(Read(reader), reader.GetString(6)) : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<ApiTokenRecord?> RevokeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var revoked = await session.Command("UPDATE api_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL")
                    .With("@id", id).With("@now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken);
                if (revoked == 0)
                {
                    return null;
                }

                await using var reader = await session.Command($"SELECT {Columns} FROM api_tokens WHERE id = @id").With("@id", id).ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> TouchAsync(string id, DateTimeOffset now, TimeSpan resolution, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command(
                "UPDATE api_tokens SET last_used_at = @now WHERE id = @id AND (last_used_at IS NULL OR last_used_at <= @since)")
                .With("@id", id).With("@now", ToUnixMs(now)).With("@since", ToUnixMs(now - resolution)).ExecuteNonQueryAsync(cancellationToken) == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task<int> CountActiveAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = Command(connection, "SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL");
                return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken);


    private static ApiTokenRecord Read(NpgsqlDataReader reader)
    {
        var name = reader.GetString(1);
        var scope = TokenScopes.TryParse(reader.GetString(2), out var parsed)
            ? parsed.Value
            : throw new BatonException(ErrorKind.StoreFailure, $"API token '{name}' has a scope this version does not know ('{reader.GetString(2)}'); revoke it or upgrade Baton");
        return new ApiTokenRecord(reader.GetString(0), name, scope, FromUnixMs(reader.GetInt64(3)), reader.GetTimeOrNull(4), reader.GetTimeOrNull(5));
    }
}
