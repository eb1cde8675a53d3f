using Baton.Core.Tasks;

namespace Baton.Core.Application.Views;

/// <summary>
/// The answer to a handoff: the task that takes the work over, the task that first asks the source's session for a
/// capsule (null when one was saved), and a one-line message that says which happened.
/// </summary>
public sealed record HandoffView(TaskView Task, TaskView? CapsuleRequest, string Message)
{
    /// <summary>The view of a handoff, with the message every front end shows.</summary>
    public static HandoffView Of(HandoffResult result) => new(
        Views.Of(result.Task),
        result.CapsuleRequest is { } request ? Views.Of(request) : null,
        result.WithoutCapsule
            ? $"{result.SourceId} saved no capsule and asking its session for one did not bring one (task {result.CapsuleRequest!.Id} {result.CapsuleRequest.Status.ToWire()}): task {result.Task.Id} takes the work over from its result"
            : result.CapsuleRequest is { } asked
            ? $"{result.SourceId} saved no capsule: asking its session for one first (task {asked.Id}); the handoff task {result.Task.Id} starts when it is saved"
            : $"Task {result.Task.Id} takes the work over with the saved capsule of task {result.SourceId} ({result.Task.Definition.AgentName})");
}
