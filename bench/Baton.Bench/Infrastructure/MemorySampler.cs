namespace Baton.Bench.Infrastructure;

/// <summary>
/// Samples a process's resident set from /proc while something runs, keeping the largest VmRSS seen; the kernel's own
/// peak (VmHWM, reset with <see cref="ProcStatus.ResetPeak"/>) catches what falls between samples.
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task sampling;
    private long largest;

    public MemorySampler(int pid, TimeProvider time) => sampling = SampleAsync(pid, time, stopping.Token);

    /// <summary>The largest VmRSS sampled so far.</summary>
    public long LargestResidentBytes => Interlocked.Read(ref largest);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await sampling;
        stopping.Dispose();
    }

    private async Task SampleAsync(int pid, TimeProvider time, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var resident = ProcStatus.Read(pid).ResidentBytes;
            if (resident > Interlocked.Read(ref largest))
            {
                Interlocked.Exchange(ref largest, resident);
            }

            try
            {
                await Task.Delay(Interval, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
