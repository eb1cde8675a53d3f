namespace Baton.Mcp.Resources;

/// <summary>One subscriber's interest in one resource: its loop over the event log, ended by disposing it.</summary>
internal sealed class ResourceWatch(string id, CancellationToken stopping) : IAsyncDisposable
{
    private readonly CancellationTokenSource ending = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    private Task loop = Task.CompletedTask;
    private int disposed;

    /// <summary>The task or workflow id.</summary>
    public string Id => id;

    /// <summary>Runs <paramref name="follow"/> until disposal.</summary>
    public void Start(Func<CancellationToken, Task> follow) => loop = Task.Run(() => follow(ending.Token), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await ending.CancelAsync();
        // The loop handles its own failures; this only waits for it to let go of the subscription.
        await loop.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        ending.Dispose();
    }
}
