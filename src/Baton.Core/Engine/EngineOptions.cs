using Baton.Core.Retry;

namespace Baton.Core.Engine;

/// <summary>Settings of the worker engine, with documented defaults; validated at start-up.</summary>
public sealed class EngineOptions
{
    /// <summary>Attempts that run at once. Default: the number of cores.</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>The node's name among the workers that share a store. Default: the host name.</summary>
    public string NodeName { get; set; } = Baton.Core.Workers.WorkerNames.Default;

    /// <summary>The node's labels (<c>key</c> or <c>key=value</c>): it claims only tasks whose required labels it has. Default none.</summary>
    public IReadOnlyList<string> Labels { get; set; } = [];

    /// <summary>Where attempt logs go (one folder per task).</summary>
    public string LogDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "baton-logs");

    /// <summary>Where tasks' git worktrees go (one folder per task).</summary>
    public string WorktreeDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "baton-worktrees");

    /// <summary>Bytes of output kept per attempt log; past it a marker records the cut. Default 10 MiB.</summary>
    public long LogCapBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Bytes of stdout kept as the result (and of stderr as the error). Default 16 KiB.</summary>
    public int ResultTailBytes { get; set; } = 16 * 1024;

    /// <summary>How long a running attempt's lease lasts without renewal. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often leases are renewed (and lost attempts of other workers looked for). Default 10 s.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a process may take to exit after SIGTERM before SIGKILL. Default 10 s.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long before its lease runs out a worker that could not renew it stops the attempt itself: the grace
    /// period and a second, so the process is gone before another worker may rescue the task, but never so much that
    /// the attempt is stopped before the next renewal has had its chance (half the time between the renewal and the
    /// lease's end at most). With the defaults: 10 s, so an attempt whose lease could not be renewed for 20 s stops.
    /// </summary>
    public TimeSpan LeaseMargin
    {
        get
        {
            var wanted = StopGracePeriod + TimeSpan.FromSeconds(1);
            var bound = (LeaseDuration - LeaseRenewInterval) / 2;
            return wanted < bound ? wanted : bound;
        }
    }

    /// <summary>How often the queue is read even without a signal (work queued by another process). Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times one task may be rescued after its worker died before it fails. Default 3.</summary>
    public int MaxRescues { get; set; } = 3;

    /// <summary>Delays between retries.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Prices per model for estimating the cost of runs whose CLI reports none (baton.json "prices").</summary>
    public Costs.PriceTable Prices { get; set; } = Costs.PriceTable.Default;

    /// <summary>Budgets beyond the tasks' own: per agent per day (baton.json "budgets").</summary>
    public Costs.BudgetOptions Budgets { get; set; } = Costs.BudgetOptions.None;

    /// <summary>Throws with a message that says how to fix an invalid value.</summary>
    public void Validate()
    {
        if (Workers is < 1 or > 1024)
        {
            throw new ArgumentException($"workers must be between 1 and 1024 (got {Workers}); set --workers or BATON_WORKERS (only 'baton serve --workers 0' may run none, serving the API without running tasks).");
        }

        if (LeaseRenewInterval >= LeaseDuration)
        {
            throw new ArgumentException("the lease renew interval must be shorter than the lease duration.");
        }

        if (LogCapBytes < 1024 || ResultTailBytes < 256)
        {
            throw new ArgumentException("the log cap must be at least 1 KiB and the result tail at least 256 bytes.");
        }

        if (MaxRescues < 0 || StopGracePeriod < TimeSpan.Zero || PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("max rescues, the stop grace period and the poll interval must not be negative.");
        }

        try
        {
            Baton.Core.Workers.WorkerNames.Validate(NodeName);
            Baton.Core.Workers.WorkerLabels.Validate(Labels, $"worker '{NodeName}'");
        }
        catch (Errors.BatonException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }

        Retry.Validate();
    }
}
