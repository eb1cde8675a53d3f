namespace Baton.Core.Storage;

/// <summary>
/// Upkeep a store wants while a long-lived process uses it, off the write path (SQLite: WAL checkpoints). Registered
/// only with <see cref="StoreOptions.BackgroundMaintenance"/>; the daemon runs it for its lifetime.
/// </summary>
public interface IStoreMaintenance
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then finishes what is due.</summary>
    Task RunAsync(CancellationToken cancellationToken = default);
}
