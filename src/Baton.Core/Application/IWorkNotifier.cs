namespace Baton.Core.Application;

/// <summary>
/// Tells the engine that the store changed (work queued, a cancel asked for). Inside the daemon this signals the
/// dispatcher directly; in a front end (CLI, stdio MCP) it wakes the daemon over its local socket.
/// </summary>
public interface IWorkNotifier
{
    /// <summary>Sends the wake-up; never throws for a daemon that is not there (it reads the queue on start).</summary>
    Task NotifyAsync(WorkChange change, CancellationToken cancellationToken = default);
}
