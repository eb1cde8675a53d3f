using System.Text;

namespace Baton.Core.Notifications;

/// <summary>The bounds of reading notifications and writing milestones, and the messages that name them.</summary>
public static class NotificationLimits
{
    /// <summary>How many notifications a read returns unless told.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The most a read returns.</summary>
    public const int MaxLimit = 100;

    /// <summary>The longest milestone message, in UTF-8 bytes (4 KiB).</summary>
    public const int MaxMilestoneBytes = 4096;

    /// <summary>What is wrong with <paramref name="limit"/>, or null.</summary>
    public static string? LimitProblem(int limit) =>
        limit is >= 1 and <= MaxLimit ? null : $"limit must be between 1 and {MaxLimit} (got {limit})";

    /// <summary>What is wrong with a milestone's <paramref name="message"/>, or null.</summary>
    public static string? MessageProblem(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "message must not be empty; say what was reached, e.g. 'schema migrated'";
        }

        var bytes = Encoding.UTF8.GetByteCount(message);
        return bytes <= MaxMilestoneBytes ? null : $"message is {bytes} bytes long; the limit is {MaxMilestoneBytes} (4 KiB)";
    }
}
