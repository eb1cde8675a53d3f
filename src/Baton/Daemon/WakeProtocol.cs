namespace Baton.Daemon;

/// <summary>
/// The daemon's local socket protocol: one line in, one line out. <c>wake</c> means "work was queued";
/// <c>attention</c> means "a person asked something of a running task" (cancel, pause, an answer, a message), and
/// <c>cancel</c> is its older name; <c>ping</c> asks whether the daemon is alive.
/// The answer is <c>ok PID</c>.
/// </summary>
internal static class WakeProtocol
{
    public const string Wake = "wake";
    public const string Attention = "attention";
    public const string Cancel = "cancel";
    public const string Ping = "ping";
    public const string OkPrefix = "ok ";
}
