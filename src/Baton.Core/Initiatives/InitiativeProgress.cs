using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Initiatives;

/// <summary>
/// Derives each stream's progress from the initiative's workflow. A stream's tasks are found by the tag
/// <c>stream:ID</c> the planner gives them (an integration stream shares the integration phase with the merge), else
/// by phase id, which is the stream's id for foundation and parallel streams.
/// </summary>
public static class InitiativeProgress
{
    /// <summary>The tag that marks a task as one of stream <paramref name="streamId"/>'s.</summary>
    public static string StreamTag(string streamId) => "stream:" + streamId;

    /// <summary>
    /// Every stream's progress; with no workflow yet (a draft initiative) every stream is pending with none of its
    /// tasks done. <paramref name="worktreePath"/> says where a stream works, when that is known.
    /// </summary>
    public static IReadOnlyList<StreamProgress> Of(InitiativeRecord initiative, WorkflowContents? workflow, Func<StreamDefinition, string?> worktreePath)
    {
        var definition = initiative.Definition;
        var counts = definition.Streams.ToDictionary(s => s.Id, s => Count(s, workflow), StringComparer.Ordinal);
        return [.. definition.Streams.Select(stream =>
        {
            var (total, completed, inProgress, ended) = counts[stream.Id];
            var status = ended ?? (inProgress > 0 ? StreamStatuses.Running
                : completed == total && total > 0 && workflow is not null ? StreamStatuses.Completed
                : completed > 0 ? StreamStatuses.Running
                : WaitsFor(definition, stream).Any(id => counts.TryGetValue(id, out var c) && !(c.Total > 0 && c.Completed == c.Total)) ? StreamStatuses.Blocked
                : StreamStatuses.Pending);
            return new StreamProgress(stream.Id, stream.Name, stream.Phase, stream.DependsOn, total, completed, inProgress, status, BranchOf(definition, stream), worktreePath(stream));
        })];
    }

    /// <summary>The branch a stream works on: its own for a parallel stream, the initiative's for the others.</summary>
    public static string BranchOf(InitiativeDefinition definition, StreamDefinition stream) => stream.Phase == StreamPhase.Parallel
        ? InitiativeBranches.Stream(definition.Name, stream.Id)
        : InitiativeBranches.Integration(definition.Name);

    /// <summary>The streams <paramref name="stream"/> waits for: those its phase implies and those it names.</summary>
    public static IEnumerable<string> WaitsFor(InitiativeDefinition definition, StreamDefinition stream)
    {
        var implied = stream.Phase switch
        {
            StreamPhase.Parallel => definition.Streams.Where(s => s.Phase == StreamPhase.Foundation).Select(s => s.Id),
            StreamPhase.Integration => definition.Streams.Where(s => s.Phase != StreamPhase.Integration).Select(s => s.Id),
            _ => [],
        };
        return implied.Concat(stream.DependsOn).Distinct(StringComparer.Ordinal).Where(id => id != stream.Id);
    }

    private static (int Total, int Completed, int InProgress, string? Ended) Count(StreamDefinition stream, WorkflowContents? workflow)
    {
        if (workflow is null)
        {
            return (stream.Tasks.Count, 0, 0, null);
        }

        var tag = StreamTag(stream.Id);
        var tasks = workflow.Tasks.Where(t => t.Definition.Tags.Contains(tag, StringComparer.Ordinal)).ToList();
        if (tasks.Count == 0)
        {
            tasks = [.. workflow.Tasks.Where(t => t.Definition.PhaseId == stream.Id)];
        }

        var ended = tasks.Any(t => t.Status is TaskState.Failed or TaskState.TimedOut) ? StreamStatuses.Failed
            : tasks.Any(t => t.Status == TaskState.Cancelled) ? StreamStatuses.Cancelled
            : null;
        return (tasks.Count, tasks.Count(t => t.Status == TaskState.Completed),
            tasks.Count(t => t.Status is TaskState.Running or TaskState.Retrying or TaskState.InputRequired), ended);
    }
}
