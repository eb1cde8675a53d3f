namespace Baton.Storage.Sqlite;

/// <summary>
/// One write waiting in its file's <see cref="WriteQueue"/>: the work, and the caller's result once the transaction
/// that ran it committed (or the error that kept it from committing).
/// </summary>
internal abstract class PendingWrite
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Abandoned = 2;
    private int state;

    /// <summary>Claims it for a transaction; false if its caller gave up waiting first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref state, Taken, Queued) == Queued;

    /// <summary>The caller gives up before any writer took it; false if one already did.</summary>
    public bool TryAbandon() => Interlocked.CompareExchange(ref state, Abandoned, Queued) == Queued;

    /// <summary>True once its caller has a result or an error.</summary>
    public abstract bool IsCompleted { get; }

    /// <summary>Runs the work in the open transaction; its result is held until the commit.</summary>
    public abstract Task RunAsync(WriteSession session);

    /// <summary>The transaction committed: hand the caller its result.</summary>
    public abstract void Commit();

    /// <summary>The work, or the transaction it ran in, failed: hand the caller the error.</summary>
    public abstract void Fail(Exception error);
}

/// <summary>A <see cref="PendingWrite"/> whose work returns <typeparamref name="T"/>.</summary>
internal sealed class PendingWrite<T>(Func<WriteSession, Task<T>> work) : PendingWrite
{
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? result;

    public Task<T> Result => completion.Task;

    public override bool IsCompleted => completion.Task.IsCompleted;

    public override async Task RunAsync(WriteSession session) => result = await work(session);

    public override void Commit() => completion.TrySetResult(result!);

    public override void Fail(Exception error) => completion.TrySetException(error);
}
