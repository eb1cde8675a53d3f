using System.Diagnostics;
using Baton.Core.Engine;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// The engine's trace of one attempt, as AttemptExecutor emits it: an activity named "attempt" tagged with the task
/// id, with an event when the process has started and one when the runner returned. The activity stops after the
/// attempt's end has been committed to the store.
/// </summary>
internal static class AttemptActivities
{
    public const string ActivityName = "attempt";
    public const string TaskIdTag = "baton.task_id";
    public const string ProcessStarted = "process.started";
    public const string AttemptEnded = "attempt.ended";

    /// <summary>Listens to the engine's attempts; <paramref name="onStopped"/> runs on the engine's thread.</summary>
    public static ActivityListener Listen(Action<Activity> onStopped)
    {
        // Read the source here, not inside the callback: the callback also runs while AttemptExecutor's static
        // initializer creates the source, when the field is still null.
        var engineSource = AttemptExecutor.Activities;
        var listener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, engineSource),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == ActivityName)
                {
                    onStopped(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>The time of the named event; events are stamped with the system clock (UTC) when added.</summary>
    public static DateTimeOffset? EventTime(Activity activity, string name)
    {
        foreach (var activityEvent in activity.Events)
        {
            if (activityEvent.Name == name)
            {
                return activityEvent.Timestamp;
            }
        }

        return null;
    }
}
