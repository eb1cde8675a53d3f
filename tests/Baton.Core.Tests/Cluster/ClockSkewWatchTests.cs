using Baton.Core.Cluster;
using Baton.Core.Storage;
using Baton.Core.Tests.Testing;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Tests.Cluster;

public sealed class ClockSkewWatchTests
{
    private readonly TimerCountingTimeProvider time = new();
    private readonly ServerClock server;
    private readonly ListLogger<ClockSkewWatch> logger = new();

    public ClockSkewWatchTests() => server = new ServerClock(time);

    [Fact]
    public async Task CheckAsync_ServerFiveSecondsAhead_WarnsThatThisClockIsBehindAndWhatToDo()
    {
        server.Ahead = TimeSpan.FromSeconds(5);

        var skew = await new ClockSkewWatch(server, time, logger).CheckAsync();

        Assert.Equal(TimeSpan.FromSeconds(5), skew?.Offset);
        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Equal(
            "Clock: this machine's clock is 5000 ms behind the database's (±0 ms): more than 2 s, which shortens or lengthens leases between nodes; sync the clocks (NTP)",
            message);
    }

    [Fact]
    public async Task CheckAsync_WithinTheLimit_SaysNothingUntilItWasPastIt_ThenOnceThatTheClocksAgreeAgain()
    {
        var watch = new ClockSkewWatch(server, time, logger);
        server.Ahead = TimeSpan.FromMilliseconds(-1500);
        await watch.CheckAsync();
        Assert.Empty(logger.Entries);

        server.Ahead = TimeSpan.FromSeconds(-3);
        await watch.CheckAsync();
        server.Ahead = TimeSpan.FromMilliseconds(20);
        await watch.CheckAsync();
        await watch.CheckAsync();

        Assert.Equal(
            [
                (LogLevel.Warning, "Clock: this machine's clock is 3000 ms ahead of the database's (±0 ms): more than 2 s, which shortens or lengthens leases between nodes; sync the clocks (NTP)"),
                (LogLevel.Information, "Clock: this machine's clock is 20 ms behind the database's (±0 ms), within the limit again"),
            ],
            logger.Entries);
    }

    [Fact]
    public async Task CheckAsync_StoreOnThisMachine_NoMeasureAndNothingLogged()
    {
        server.Local = true;

        Assert.Null(await new ClockSkewWatch(server, time, logger).CheckAsync());
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task RunAsync_ComparesAtStartThenEveryHour_AndAfterAFailureAgainAMinuteLater()
    {
        using var stop = new CancellationTokenSource();
        server.Ahead = TimeSpan.FromSeconds(10);
        var run = new ClockSkewWatch(server, time, logger).RunAsync(stop.Token);
        await Poll.UntilAsync(() => server.Asked == 1 && time.ActiveTimers == 1, TimeSpan.FromSeconds(10), "the first comparison at start, then the wait");

        server.Unreachable = true;
        time.Advance(ClockSkewWatch.Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(1, server.Asked);
        time.Advance(TimeSpan.FromSeconds(1));
        await Poll.UntilAsync(() => server.Asked == 2 && time.ActiveTimers == 1, TimeSpan.FromSeconds(10), "the comparison an hour later, then the wait");
        server.Unreachable = false;
        time.Advance(ClockSkewWatch.RetryAfterFailure);
        await Poll.UntilAsync(() => server.Asked == 3, TimeSpan.FromSeconds(10), "the comparison a minute after the failed one");

        await stop.CancelAsync();
        await run;
        Assert.Equal(
            [LogLevel.Warning, LogLevel.Warning, LogLevel.Warning],
            logger.Entries.Select(e => e.Level));
        Assert.Contains("could not compare this machine's clock with the database's: the database is out of reach", logger.Entries[1].Message, StringComparison.Ordinal);
    }

    /// <summary>A database server whose clock runs <see cref="Ahead"/> of this machine's (fake) one, answering at once.</summary>
    private sealed class ServerClock(TimeProvider time) : IStoreMigrator
    {
        private int asked;

        public TimeSpan Ahead { get; set; }

        public bool Local { get; set; }

        public bool Unreachable { get; set; }

        public int Asked => Volatile.Read(ref asked);

        public bool IsReadOnly => false;

        public string Description => "PostgreSQL db.example:5432/baton";

        public Task MigrateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<StoreFacts> InspectAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref asked);
            return Unreachable
                ? Task.FromException<StoreFacts>(new InvalidOperationException("the database is out of reach"))
                : Task.FromResult(new StoreFacts("PostgreSQL 15.18", 9, 9, Local ? null : time.GetUtcNow() + Ahead));
        }
    }

    /// <summary>Keeps what was logged, as the reader of the log would see it.</summary>
    private sealed class ListLogger<T> : ILogger<T>
    {
        private readonly List<(LogLevel Level, string Message)> entries = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Entries
        {
            get
            {
                lock (entries)
                {
                    return [.. entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (entries)
            {
                entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
