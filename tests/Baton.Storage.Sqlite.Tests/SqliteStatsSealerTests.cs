using Baton.Core.Tests.Testing;
using Baton.Storage.Sqlite.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteStatsSealerTests
{
    [Fact]
    public async Task RunAsync_DayOver_RolledUpWithoutAQueryWhileYesterdayWaitsForTenMinutesPastMidnight()
    {
        await using var database = await TestDatabase.CreateAsync();
        var old = await database.AddAsync();
        await database.Tasks.CancelAsync(old, TestTasks.Now.AddMinutes(1));
        // Two days on, five minutes past midnight: the task's day is over; yesterday is not yet ten minutes behind.
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 3, 0, 5, 0, TimeSpan.Zero));
        var sealer = new SqliteStatsSealer(database.Tasks, time, NullLogger<SqliteStatsSealer>.Instance);
        using var stop = new CancellationTokenSource();
        var day = TestTasks.Now.ToUnixTimeMilliseconds() / 86_400_000;

        var running = sealer.RunAsync(stop.Token);
        await Poll.UntilAsync(() => Count(database, $"SELECT count(*) FROM task_rollup_days WHERE day = {day}") == 1, TimeSpan.FromSeconds(10), "the task's day to be rolled up");
        await stop.CancelAsync();
        await running;

        Assert.Equal(1, Count(database, $"SELECT runs FROM task_rollups WHERE day = {day} AND dim = 0"));
        Assert.Equal(1, Count(database, $"SELECT cancelled FROM task_rollups WHERE day = {day} AND dim = 0"));
        Assert.Equal(0, Count(database, $"SELECT count(*) FROM task_rollup_days WHERE day > {day}"));
    }

    private static long Count(TestDatabase database, string sql)
    {
        using var connection = database.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
