using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Baton.Core.Tasks;

namespace Baton.Core.Telemetry;

/// <summary>
/// The trace an attempt belongs to: its workflow's (or, outside a workflow, its task's), derived from the id so that
/// every attempt of a workflow lands in one trace, on whichever node and in whichever process it ran, without a
/// trace context stored anywhere.
/// </summary>
public static class TraceParents
{
    /// <summary>The parent context for an attempt of <paramref name="taskId"/>, whose definition is <paramref name="definition"/>.</summary>
    public static ActivityContext For(string taskId, TaskDefinition definition) => Root(definition.WorkflowId ?? taskId);

    /// <summary>
    /// The trace and span of the root of <paramref name="id"/>'s trace (a workflow's, or a lone task's): the first 16
    /// bytes of SHA-256 of the id are the trace id, the next 8 the root span's id. A workflow's span is emitted with
    /// that id when it ends, so that the attempts that name it as their parent hang under it.
    /// </summary>
    public static ActivityContext Root(string id)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return new ActivityContext(
            ActivityTraceId.CreateFromBytes(hash[..16]), ActivitySpanId.CreateFromBytes(hash.Slice(16, 8)), ActivityTraceFlags.Recorded);
    }
}
