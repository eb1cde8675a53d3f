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
    public static ActivityContext For(string taskId, TaskDefinition definition)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(definition.WorkflowId ?? taskId), hash);
        return new ActivityContext(
            ActivityTraceId.CreateFromBytes(hash[..16]), ActivitySpanId.CreateFromBytes(hash.Slice(16, 8)), ActivityTraceFlags.Recorded);
    }
}
