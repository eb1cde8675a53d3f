using System.Diagnostics;

namespace Baton.Bench.Infrastructure;

/// <summary>Counts attempts whose end has been committed, for the throughput scenario (no per-task bookkeeping).</summary>
internal sealed class AttemptCounter : IDisposable
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly ActivityListener listener;
    private int finished;
    private int goal = int.MaxValue;
    private TaskCompletionSource<long>? reached;

    public AttemptCounter(TimeProvider time)
    {
        this.time = time;
        listener = AttemptActivities.Listen(_ => OnStopped());
    }

    public int Finished
    {
        get
        {
            lock (gate)
            {
                return finished;
            }
        }
    }

    /// <summary>Completes with the timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the attempt that made the count reach <paramref name="count"/>.</summary>
    public Task<long> WhenCountReaches(int count)
    {
        lock (gate)
        {
            if (finished >= count)
            {
                return Task.FromResult(time.GetTimestamp());
            }

            goal = count;
            reached = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            return reached.Task;
        }
    }

    public void Dispose() => listener.Dispose();

    private void OnStopped()
    {
        var now = time.GetTimestamp();
        lock (gate)
        {
            finished++;
            if (finished >= goal)
            {
                reached?.TrySetResult(now);
            }
        }
    }
}
