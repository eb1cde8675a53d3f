using System.Diagnostics;
using System.Reflection;

namespace Baton.Metrics;

/// <summary>
/// Gives a started activity a trace and span id of Baton's choosing. System.Diagnostics always draws a span id at
/// random, but a workflow's span must carry the id its attempts (run earlier, on any node, by any daemon) already
/// named as their parent, derived from the workflow's id; there is no public way to say so, so the activity's own
/// id fields are set. Should a runtime keep them otherwise, the check fails and the caller drops the span.
/// </summary>
internal static class ActivityIdentity
{
    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
    private static readonly FieldInfo? TraceIdField = typeof(Activity).GetField("_traceId", Private);
    private static readonly FieldInfo? SpanIdField = typeof(Activity).GetField("_spanId", Private);
    private static readonly FieldInfo? IdField = typeof(Activity).GetField("_id", Private);

    /// <summary>Sets <paramref name="activity"/>'s ids to <paramref name="context"/>'s; false if the runtime would not have it.</summary>
    public static bool TryAssign(Activity activity, ActivityContext context)
    {
        if (TraceIdField?.FieldType != typeof(string) || SpanIdField?.FieldType != typeof(string))
        {
            return false;
        }

        TraceIdField.SetValue(activity, context.TraceId.ToHexString());
        SpanIdField.SetValue(activity, context.SpanId.ToHexString());
        if (IdField?.FieldType == typeof(string))
        {
            // The W3C id string is built lazily from the two; drop one built already.
            IdField.SetValue(activity, null);
        }

        return activity.TraceId == context.TraceId && activity.SpanId == context.SpanId
            && activity.Id?.Contains(context.SpanId.ToHexString(), StringComparison.Ordinal) == true;
    }
}
