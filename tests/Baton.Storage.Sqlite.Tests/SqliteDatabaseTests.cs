using Baton.Core.Errors;
using Baton.Storage.Sqlite.Tests.Testing;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteDatabaseTests
{
    private static readonly TimeSpan ShortBusyTimeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task EnqueueAsync_DatabaseLockedByAnotherProgram_ThrowsUnavailableAndDataSurvives()
    {
        await using var database = await TestDatabase.CreateAsync(ShortBusyTimeout);
        var existing = await database.AddAsync();

        BatonException error;
        await using (await HoldExclusiveLockAsync(database))
        {
            error = await Assert.ThrowsAsync<BatonException>(() => database.AddAsync());
        }

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains("is locked by another process", error.Message, StringComparison.Ordinal);
        Assert.Contains(database.Path, error.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(error.InnerException);
        Assert.Equal(existing, (await database.GetAsync(existing)).Id);
        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM tasks"));
        Assert.Equal("ok", await database.ScalarAsync("PRAGMA integrity_check"));
        await database.AddAsync();
        Assert.Equal(2L, await database.ScalarAsync("SELECT count(*) FROM tasks"));
    }

    [Fact]
    public async Task EnqueueAsync_LockedWithSubSecondBusyTimeout_MessageStatesTheWait()
    {
        await using var database = await TestDatabase.CreateAsync(ShortBusyTimeout);

        BatonException error;
        await using (await HoldExclusiveLockAsync(database))
        {
            error = await Assert.ThrowsAsync<BatonException>(() => database.AddAsync());
        }

        Assert.Contains("(waited 0.3 s)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Holds the write lock from a connection of its own, as a sqlite3 shell with an open transaction does.</summary>
    private static async Task<SqliteConnection> HoldExclusiveLockAsync(TestDatabase database)
    {
        var holder = database.OpenRawConnection();
        await using var command = holder.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE; UPDATE tasks SET name = name;";
        command.CommandTimeout = 5;
        await command.ExecuteNonQueryAsync();
        return holder;
    }
}
