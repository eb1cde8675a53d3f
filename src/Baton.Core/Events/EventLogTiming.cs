namespace Baton.Core.Events;

/// <summary>How every follower of the store reads and waits: one place for the page size and the waits.</summary>
public static class EventLogTiming
{
    /// <summary>Events read from the store at once; a full page is followed by another read at once.</summary>
    public const int PageSize = 500;

    /// <summary>
    /// How long a follower waits for a change before reading anyway: changes of processes that did not tell this
    /// one (a CLI that found no daemon socket) are seen this late.
    /// </summary>
    public static readonly TimeSpan FallbackPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long changes may gather after a wake-up before the store is read: under load the daemon commits thousands
    /// of times a second, and reading after each would cost the engine more than the readers gain; a few
    /// milliseconds turn thousands of tiny reads into a few hundred larger ones.
    /// </summary>
    public static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(3);
}
