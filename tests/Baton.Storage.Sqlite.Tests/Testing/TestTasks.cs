using Baton.Core.Tasks;

namespace Baton.Storage.Sqlite.Tests.Testing;

/// <summary>Task definitions and times for store tests. The store checks nothing on disk, so paths are plain.</summary>
internal static class TestTasks
{
    public const string Worker = "host-a:100:aaaa";
    public const string OtherWorker = "host-b:200:bbbb";

    /// <summary>A fixed start time, on a whole millisecond so it survives the store's millisecond precision.</summary>
    public static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset LeaseUntil => Now.AddSeconds(30);

    public static TaskDefinition Definition(
        string name = "build",
        TaskPriority priority = TaskPriority.Normal,
        IReadOnlyList<string>? tags = null,
        DateTimeOffset? runAt = null,
        string? idempotencyKey = null) => new()
        {
            Name = name,
            Runner = "command",
            Program = "make",
            Arguments = ["-j", "4"],
            WorkingDirectory = "/srv/project",
            Priority = priority,
            Tags = tags ?? [],
            RunAt = runAt,
            IdempotencyKey = idempotencyKey,
        };
}
