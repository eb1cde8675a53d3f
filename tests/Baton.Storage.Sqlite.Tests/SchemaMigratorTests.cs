using Baton.Core.Errors;
using Baton.Storage.Sqlite.Tests.Testing;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SchemaMigratorTests
{
    // The highest migration number under src/Baton.Storage.Sqlite/Migrations, and how many there are (numbers are
    // taken by features in parallel, so one may be missing for a while).
    private static readonly string[] Migrations =
        [.. typeof(SqliteStoreMigrator).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("Baton.Storage.Sqlite.Migrations.", StringComparison.Ordinal))];

    private static readonly long LatestVersion =
        Migrations.Max(n => long.Parse(n["Baton.Storage.Sqlite.Migrations.".Length..].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture));

    private static readonly long MigrationCount = Migrations.Length;

    [Fact]
    public async Task MigrateAsync_NewFile_RecordsVersionOneAndMarksFileAsBatons()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.Equal(MigrationCount, await database.ScalarAsync("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(LatestVersion, await database.ScalarAsync("SELECT max(version) FROM schema_migrations"));
        Assert.Equal("initial", await database.ScalarAsync("SELECT name FROM schema_migrations WHERE version = 1"));
        Assert.Equal("events", await database.ScalarAsync("SELECT name FROM schema_migrations WHERE version = 5"));
        Assert.Equal(0x4241544EL, await database.ScalarAsync("PRAGMA application_id"));
        Assert.Equal("wal", await database.ScalarAsync("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task MigrateAsync_Twice_IsIdempotentAndKeepsData()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await database.AddAsync();

        await new SqliteStoreMigrator(database.Options).MigrateAsync();
        await new SqliteStoreMigrator(database.Options).MigrateAsync();

        Assert.Equal(MigrationCount, await database.ScalarAsync("SELECT count(*) FROM schema_migrations"));
        Assert.NotNull(await database.Tasks.GetTaskAsync(id));
    }

    [Fact]
    public async Task MigrateAsync_MissingFolder_CreatesIt()
    {
        await using var scratch = TestDatabase.Open();
        var nested = Path.Combine(Path.GetDirectoryName(scratch.Path)!, "a", "b", "baton.db");
        var store = new SqliteStoreMigrator(new SqliteStoreOptions { DatabasePath = nested });

        await store.MigrateAsync();

        Assert.True(File.Exists(nested));
    }

    [Fact]
    public async Task MigrateAsync_FileOfRandomBytes_RefusedAndLeftUntouched()
    {
        await using var database = TestDatabase.Open();
        var bytes = new byte[8192];
        new Random(42).NextBytes(bytes);
        await File.WriteAllBytesAsync(database.Path, bytes);

        var error = await Assert.ThrowsAsync<BatonException>(() => new SqliteStoreMigrator(database.Options).MigrateAsync());

        Assert.Equal(ErrorKind.StoreFailure, error.Kind);
        Assert.Contains(database.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("left untouched", error.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.Equal(bytes, await File.ReadAllBytesAsync(database.Path));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseOfAnotherProgram_RefusedWithItsTablesIntact()
    {
        await using var database = TestDatabase.Open();
        await CreateForeignDatabaseAsync(database);

        var error = await Assert.ThrowsAsync<BatonException>(() => new SqliteStoreMigrator(database.Options).MigrateAsync());

        Assert.Equal(ErrorKind.StoreFailure, error.Kind);
        Assert.Contains(database.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Baton did not create; it was left untouched", error.Message, StringComparison.Ordinal);
        Assert.Equal("hello", await database.ScalarAsync("SELECT bar FROM foo"));
        Assert.Equal(0L, await database.ScalarAsync("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'"));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseOfAnotherProgram_FileBytesUnchanged()
    {
        await using var database = TestDatabase.Open();
        await CreateForeignDatabaseAsync(database);
        var before = await File.ReadAllBytesAsync(database.Path);

        await Assert.ThrowsAsync<BatonException>(() => new SqliteStoreMigrator(database.Options).MigrateAsync());

        SqliteConnection.ClearAllPools();
        Assert.Equal(before, await File.ReadAllBytesAsync(database.Path));
        Assert.Equal("delete", await database.ScalarAsync("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task MigrateAsync_SchemaFromNewerBaton_RefusedAndLeftAsItWas()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.ScalarAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2040-01-01')");
        SqliteConnection.ClearAllPools();

        var error = await Assert.ThrowsAsync<BatonException>(() => new SqliteStoreMigrator(database.Options).MigrateAsync());

        Assert.Equal(ErrorKind.StoreFailure, error.Kind);
        Assert.Contains($"written by a newer Baton (schema version 999; this one knows up to {LatestVersion})", error.Message, StringComparison.Ordinal);
        Assert.Contains(database.Path, error.Message, StringComparison.Ordinal);
        Assert.Equal(MigrationCount + 1, await database.ScalarAsync("SELECT count(*) FROM schema_migrations"));
    }

    private static async Task CreateForeignDatabaseAsync(TestDatabase database)
    {
        await using var connection = database.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE foo (bar TEXT); INSERT INTO foo VALUES ('hello');";
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task MigrateAsync_CurrentSchemaWhileAnotherProgramHoldsTheWriteLock_SucceedsWithReadsOnly()
    {
        await using var database = await TestDatabase.CreateAsync(TimeSpan.FromMilliseconds(300));
        await using var holder = database.OpenRawConnection();
        await using (var command = holder.CreateCommand())
        {
            command.CommandText = "BEGIN IMMEDIATE; UPDATE schema_migrations SET name = name;";
            await command.ExecuteNonQueryAsync();
        }

        // Every CLI command opens the store; with the schema current it must not need the write lock.
        await new SqliteStoreMigrator(database.Options).MigrateAsync();

        await using var rollback = holder.CreateCommand();
        rollback.CommandText = "ROLLBACK;";
        await rollback.ExecuteNonQueryAsync();
    }
}
