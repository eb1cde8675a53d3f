using Baton.Core.Tests.Testing;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite.Tests.Testing;

/// <summary>A real SQLite store in a fresh temp directory: both store halves over one file, deleted on dispose.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly TempDirectory directory;

    private TestDatabase(TempDirectory directory, SqliteStoreOptions options)
    {
        this.directory = directory;
        Options = options;
        Tasks = new SqliteTaskStore(options);
        Attempts = new SqliteAttemptStore(options);
    }

    public SqliteStoreOptions Options { get; }

    public string Path => Options.DatabasePath;

    public SqliteTaskStore Tasks { get; }

    public SqliteAttemptStore Attempts { get; }

    /// <summary>Creates the store and applies the migrations.</summary>
    public static async Task<TestDatabase> CreateAsync(TimeSpan? busyTimeout = null)
    {
        var database = Open(busyTimeout);
        await new SqliteStoreMigrator(database.Options).MigrateAsync();
        return database;
    }

    /// <summary>Creates the store over a file that is not initialised yet.</summary>
    public static TestDatabase Open(TimeSpan? busyTimeout = null)
    {
        var directory = new TempDirectory();
        var path = directory.File("baton.db");
        var options = busyTimeout is { } timeout
            ? new SqliteStoreOptions { DatabasePath = path, BusyTimeout = timeout }
            : new SqliteStoreOptions { DatabasePath = path };
        return new TestDatabase(directory, options);
    }

    /// <summary>A connection of its own, outside the store and its pool, as another program would open one.</summary>
    public SqliteConnection OpenRawConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Runs one scalar query on a raw connection.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // The stores' writer and pooled connections hold the file open; close them before deleting it.
        await Tasks.DisposeAsync();
        await Attempts.DisposeAsync();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }
}
