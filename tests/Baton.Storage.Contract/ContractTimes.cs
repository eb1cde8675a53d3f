using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Fixed times, workers and task definitions for contract tests. Stores keep milliseconds, so times are whole ones.</summary>
public static class ContractTimes
{
    public const string Worker = "host-a:100:aaaa";
    public const string OtherWorker = "host-b:200:bbbb";

    public static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset LeaseUntil => Now.AddSeconds(30);

    /// <summary>A command task; stores check nothing on disk, so the paths are plain.</summary>
    public static TaskDefinition Command(string name = "build", TaskPriority priority = TaskPriority.Normal) => new()
    {
        Name = name,
        Runner = "command",
        Program = "make",
        Arguments = ["-j", "4"],
        WorkingDirectory = "/srv/project",
        Priority = priority,
    };
}
