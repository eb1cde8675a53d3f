using Baton.Core.Events;

namespace Baton.Core.Storage;

/// <summary>
/// Whether each alert is firing, kept in the store so that an alert is raised once per crossing of its threshold,
/// whichever node of a cluster looks and however often the daemon restarts.
/// </summary>
public interface IAlertStore
{
    /// <summary>
    /// Records that the alert <paramref name="key"/> is (or is not) firing. When it starts to fire (it was not, or was
    /// never seen), appends <paramref name="raised"/> in the same transaction and returns true; otherwise appends
    /// nothing and returns false.
    /// </summary>
    Task<bool> SetFiringAsync(string key, bool firing, EventDraft raised, DateTimeOffset now, CancellationToken cancellationToken = default);
}
