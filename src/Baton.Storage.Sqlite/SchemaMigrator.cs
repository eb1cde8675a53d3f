using System.Globalization;
using System.Reflection;
using Baton.Core.Errors;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Applies the numbered migrations embedded in this assembly (Migrations/NNNN_name.sql), each in its own
/// transaction, and records them in schema_migrations. Refuses files that are not Baton's and databases written
/// by a newer Baton, leaving them untouched.
/// </summary>
internal static class SchemaMigrator
{
    // 'BATN': marks the file as Baton's, so another program's SQLite file is never mistaken for ours.
    private const int ApplicationId = 0x4241544E;
    private const string ResourcePrefix = "Baton.Storage.Sqlite.Migrations.";

    /// <summary>The newest migration this build has.</summary>
    public static int LatestVersion => LoadMigrations() is { Count: > 0 } all ? all[^1].Version : 0;

    /// <summary>The newest migration the database holds (0 for a new file).</summary>
    public static async Task<int> CurrentVersionAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        Convert.ToInt32(await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations';", cancellationToken), CultureInfo.InvariantCulture) == 0
            ? 0
            : await ReadVersionAsync(connection, cancellationToken);

    /// <summary>The SQLite library's version.</summary>
    public static async Task<string> EngineVersionAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        Convert.ToString(await ScalarAsync(connection, "SELECT sqlite_version();", cancellationToken), CultureInfo.InvariantCulture) ?? "unknown";

    public static async Task MigrateAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        // Check ownership before changing anything: even switching the journal mode rewrites the file's header.
        var applicationId = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA application_id;", cancellationToken), CultureInfo.InvariantCulture);
        var tableCount = Convert.ToInt32(
            await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';", cancellationToken),
            CultureInfo.InvariantCulture);
        if (applicationId != ApplicationId && tableCount > 0)
        {
            throw new BatonException(
                ErrorKind.StoreFailure,
                $"'{path}' is a SQLite database that Baton did not create; it was left untouched. Point BATON_DB at another file");
        }

        var migrations = LoadMigrations();
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        // Every command opens the store: when the schema is current, check it with reads only, so that a CLI
        // command never takes the write lock from a busy daemon for nothing.
        if (applicationId == ApplicationId && CheckVersion(await ReadVersionAsync(connection, cancellationToken), latest, path) == latest)
        {
            return;
        }

        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);", cancellationToken);
        var current = CheckVersion(await ReadVersionAsync(connection, cancellationToken), latest, path);

        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, migration.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$n", migration.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, $"PRAGMA application_id = {ApplicationId};", cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // A migration rewrites much of a small database, and the WAL keeps its largest size until truncated: copy it
        // back now rather than leave the file that large for good.
        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
    }

    private sealed record Migration(int Version, string Name, string Sql);

    private static async Task<int> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        Convert.ToInt32(await ScalarAsync(connection, "SELECT coalesce(max(version), 0) FROM schema_migrations;", cancellationToken), CultureInfo.InvariantCulture);

    private static int CheckVersion(int current, int latest, string path) => current <= latest
        ? current
        : throw new BatonException(
            ErrorKind.StoreFailure,
            $"'{path}' was written by a newer Baton (schema version {current}; this one knows up to {latest}); upgrade baton, or set BATON_DB to another file");

    private static List<Migration> LoadMigrations()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var result = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[ResourcePrefix.Length..^".sql".Length];
            var version = int.Parse(fileName[..4], CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            result.Add(new Migration(version, fileName[5..], reader.ReadToEnd()));
        }

        return [.. result.OrderBy(m => m.Version)];
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
