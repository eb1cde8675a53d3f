using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Core.Tests.Events;

public sealed class EventPrunerTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    [Fact]
    public async Task PruneOnceAsync_MoreThanOneBatch_DeletesInBatchesUntilAShortOne()
    {
        var time = new TimerCountingTimeProvider();
        var store = new PruningStore(1000, 1000, 10);
        var pruner = new EventPruner(store, Retention, time, NullLogger<EventPruner>.Instance);

        var deleted = await pruner.PruneOnceAsync();

        Assert.Equal(2010, deleted);
        Assert.Equal(3, store.Calls.Count);
        Assert.All(store.Calls, c => Assert.Equal((time.GetUtcNow() - Retention, EventPruner.BatchSize), c));
    }

    [Fact]
    public async Task RunAsync_ClockAdvancesAnHour_PrunesAtStartAndAgainWithTheNewCutoff()
    {
        var time = new TimerCountingTimeProvider();
        var start = time.GetUtcNow();
        var store = new PruningStore();
        var pruner = new EventPruner(store, Retention, time, NullLogger<EventPruner>.Instance);
        using var stop = new CancellationTokenSource();

        var running = pruner.RunAsync(stop.Token);
        await Poll.UntilAsync(() => store.Calls.Count == 1 && time.ActiveTimers == 1, TimeSpan.FromSeconds(10), "the first round and its timer");
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Single(store.Calls);
        time.Advance(TimeSpan.FromMinutes(1));
        await Poll.UntilAsync(() => store.Calls.Count == 2, TimeSpan.FromSeconds(10), "the second round");
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([start - Retention, start + EventPruner.Interval - Retention], store.Calls.Select(c => c.Before));
    }

    /// <summary>An event store that only prunes: it answers each call with the next count given (then 0).</summary>
    private sealed class PruningStore(params int[] counts) : IEventStore
    {
        private readonly Queue<int> answers = new(counts);
        private readonly Lock gate = new();
        private readonly List<(DateTimeOffset Before, int Batch)> calls = [];

        public IReadOnlyList<(DateTimeOffset Before, int Batch)> Calls
        {
            get
            {
                lock (gate)
                {
                    return [.. calls];
                }
            }
        }

        public Task<int> PruneAsync(DateTimeOffset before, int batch, CancellationToken cancellationToken = default)
        {
            lock (gate)
            {
                calls.Add((before, batch));
                return Task.FromResult(answers.TryDequeue(out var count) ? count : 0);
            }
        }

        public Task<IReadOnlyList<EventRecord>> ReadAsync(EventQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long> LatestIdAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<EventRecord?> AppendMilestoneAsync(string? taskId, string? workflowId, string message, DateTimeOffset at, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IChangeSignal Changes => throw new NotSupportedException();
    }
}
