using System.Globalization;
using System.Reflection;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// Creates Baton's schema or upgrades it with the numbered migrations embedded in this assembly
/// (Migrations/NNNN_name.sql), each in its own transaction, recorded in schema_migrations. Several nodes may start at
/// once: the whole migration runs under one session-level advisory lock, so one applies it and the others find it
/// applied. A schema written by a newer Baton is refused and left alone.
/// </summary>
internal sealed class PostgresStoreMigrator(PostgresDatabase database) : IStoreMigrator
{
    /// <summary>The advisory lock key held while migrating ('BATN' and 0).</summary>
    public const long MigrationLockKey = 0x4241544E_0000;

    private const string ResourcePrefix = "Baton.Storage.Postgres.Migrations.";

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public string Description => $"PostgreSQL {database.Where}";

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var migrations = LoadMigrations();
        var latest = migrations[^1].Version;
        await database.RunAsync(
            async connection =>
            {
                // Every command opens the store: when the schema is current, a read says so without any lock.
                if (Check(await ReadVersionAsync(connection, cancellationToken), latest) == latest)
                {
                    return true;
                }

                await ExecuteAsync(connection, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
                try
                {
                    await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {PostgresDatabase.Schema}", cancellationToken);
                    await ExecuteAsync(
                        connection,
                        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                        cancellationToken);
                    var current = Check(await ReadVersionAsync(connection, cancellationToken), latest);
                    foreach (var migration in migrations.Where(m => m.Version > current))
                    {
                        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                        await ExecuteAsync(connection, migration.Sql, cancellationToken);
                        await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", connection);
                        record.Parameters.AddWithValue("version", migration.Version);
                        record.Parameters.AddWithValue("name", migration.Name);
                        await record.ExecuteNonQueryAsync(cancellationToken);
                        await transaction.CommitAsync(cancellationToken);
                    }
                }
                finally
                {
                    // A broken connection releases the lock by itself; only a live one needs telling.
                    if (connection.FullState == System.Data.ConnectionState.Open)
                    {
                        await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
                    }
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<StoreFacts> InspectAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("SELECT current_setting('server_version'), now()", connection);
                string version;
                DateTimeOffset serverTime;
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    await reader.ReadAsync(cancellationToken);
                    version = reader.GetString(0);
                    serverTime = new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero);
                }

                return new StoreFacts($"PostgreSQL {version}", await ReadVersionAsync(connection, cancellationToken), LoadMigrations()[^1].Version, serverTime);
            },
            cancellationToken);

    private sealed record Migration(int Version, string Name, string Sql);

    private async Task<int> ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT CASE WHEN to_regclass('{PostgresDatabase.Schema}.schema_migrations') IS NULL THEN 0 ELSE -1 END",
            connection);
        if ((int)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            return 0;
        }

        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection);
        return Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private int Check(int current, int latest) => current <= latest
        ? current
        : throw new BatonException(
            ErrorKind.StoreFailure,
            $"the database at {database.Where} was written by a newer Baton (schema version {current}; this one knows up to {latest}); upgrade baton on this machine, or point BATON_DB at another database");

    private static List<Migration> LoadMigrations()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var result = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[ResourcePrefix.Length..^".sql".Length];
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            result.Add(new Migration(int.Parse(fileName[..4], CultureInfo.InvariantCulture), fileName[5..], reader.ReadToEnd()));
        }

        return [.. result.OrderBy(m => m.Version)];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
