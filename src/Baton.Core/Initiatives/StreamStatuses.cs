namespace Baton.Core.Initiatives;

/// <summary>The statuses a stream is shown with.</summary>
public static class StreamStatuses
{
    /// <summary>Its tasks have not started, and nothing it waits for holds it back.</summary>
    public const string Pending = "pending";

    /// <summary>A stream it waits for has not completed.</summary>
    public const string Blocked = "blocked";

    /// <summary>A task of it is running, retrying or waiting for a person.</summary>
    public const string Running = "running";

    /// <summary>Every task of it completed.</summary>
    public const string Completed = "completed";

    /// <summary>A task of it failed or timed out for good.</summary>
    public const string Failed = "failed";

    /// <summary>A task of it was cancelled.</summary>
    public const string Cancelled = "cancelled";
}
