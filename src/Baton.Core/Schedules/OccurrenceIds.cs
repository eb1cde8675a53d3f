using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Baton.Core.Tasks;

namespace Baton.Core.Schedules;

/// <summary>
/// Deterministic ids for an occurrence: the same schedule and planned time always give the same task (or workflow) id and
/// the same jitter, so a node that fires again after a crash, or a second node firing at once, names the same task (and the
/// store's unique occurrence row refuses the repeat).
/// </summary>
public static class OccurrenceIds
{
    /// <summary>The id of the task the occurrence queues.</summary>
    public static string TaskId(string schedule, DateTimeOffset plannedAt) => TaskIds.FromBits(Hash(schedule, plannedAt, "task"));

    /// <summary>The id of the workflow the occurrence creates, for a schedule of a workflow.</summary>
    public static string WorkflowId(string schedule, DateTimeOffset plannedAt) => TaskIds.FromBits(Hash(schedule, plannedAt, "workflow"));

    /// <summary>How long after its planned time the occurrence starts: a fixed fraction of <paramref name="jitter"/>.</summary>
    public static TimeSpan JitterOf(string schedule, DateTimeOffset plannedAt, TimeSpan jitter) =>
        jitter <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds((long)(Hash(schedule, plannedAt, "jitter") % (ulong)(jitter.TotalMilliseconds + 1)));

    private static ulong Hash(string schedule, DateTimeOffset plannedAt, string purpose)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{purpose}\n{schedule}\n{plannedAt.ToUnixTimeMilliseconds()}"));
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
