using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Baton.Core.Runners.Command;
using Baton.Core.Sessions;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Initiatives;

/// <summary>
/// Turns an initiative into the workflow that runs it: one phase per stream (foundation first, the parallel streams
/// after every foundation stream, then <c>integration</c>, which merges the stream branches before the integration
/// streams' tasks run). A stream's tasks run one after another in the stream's named worktree, continuing the
/// previous task's agent session where the runner can resume one. Ids derive from the initiative's id, so planning
/// the same initiative twice (a restart, a retried request) yields the same workflow and tasks, never a second copy.
/// </summary>
public static class InitiativePlanner
{
    /// <summary>The phase that merges the stream branches and runs the integration streams; no stream may take its id.</summary>
    public const string IntegrationPhaseId = InitiativeBranches.IntegrationName;

    /// <summary>The workflow that runs <paramref name="initiative"/>, started at <paramref name="now"/>.</summary>
    public static WorkflowBlueprint Plan(InitiativeRecord initiative, DateTimeOffset now)
    {
        var definition = initiative.Definition;
        var workflowId = initiative.WorkflowId ?? DerivedId(initiative.Id, "workflow");
        var foundation = definition.Streams.Where(s => s.Phase == StreamPhase.Foundation).ToList();
        var parallel = definition.Streams.Where(s => s.Phase == StreamPhase.Parallel).ToList();
        var integration = definition.Streams.Where(s => s.Phase == StreamPhase.Integration).ToList();
        var integrationBranch = InitiativeBranches.Integration(definition.Name);

        var phases = new List<PhaseRecord>();
        var tasks = new List<BlueprintTask>();
        void AddPhase(string id, string name, IEnumerable<string> dependsOn) => phases.Add(new PhaseRecord
        {
            PhaseId = id,
            Name = name,
            DependsOn = [.. dependsOn.Distinct(StringComparer.Ordinal)],
            Position = phases.Count,
            Status = WorkflowState.Running,
        });

        var context = new PlanContext(initiative, workflowId, tasks);
        foreach (var stream in foundation)
        {
            AddPhase(stream.Id, stream.Name, stream.DependsOn);
            context.AddStream(stream, stream.Id, integrationBranch, definition.Base, after: null);
        }

        var foundationIds = foundation.Select(s => s.Id).ToList();
        foreach (var stream in parallel)
        {
            AddPhase(stream.Id, stream.Name, foundationIds.Concat(stream.DependsOn));
            context.AddStream(stream, stream.Id, InitiativeBranches.Stream(definition.Name, stream.Id), integrationBranch, after: null);
        }

        AddPhase(IntegrationPhaseId, "Integration", parallel.Count > 0 ? parallel.Select(s => s.Id) : foundationIds);
        var merge = MergeTask(context, parallel.Select(s => InitiativeBranches.Stream(definition.Name, s.Id)).ToList(), integrationBranch);
        tasks.Add(merge);
        foreach (var stream in integration)
        {
            context.AddStream(stream, IntegrationPhaseId, integrationBranch, definition.Base, after: merge.Id);
        }

        var workflow = new WorkflowRecord
        {
            Id = workflowId,
            Name = $"initiative {definition.Name}",
            Description = $"Streams of initiative {definition.Name} on {definition.Repository}",
            Status = WorkflowState.Running,
            CreatedAt = now,
            UpdatedAt = now,
            StartedAt = now,
            CreatedBy = initiative.CreatedBy,
        };
        return new WorkflowBlueprint(workflow, phases, tasks);
    }

    /// <summary>The id of task <paramref name="index"/> (from 0) of stream <paramref name="streamId"/>.</summary>
    public static string TaskId(string initiativeId, string streamId, int index) => DerivedId(initiativeId, $"stream/{streamId}/{index}");

    /// <summary>The id of the task that merges the stream branches.</summary>
    public static string MergeTaskId(string initiativeId) => DerivedId(initiativeId, "merge");

    private static BlueprintTask MergeTask(PlanContext context, IReadOnlyList<string> streamBranches, string integrationBranch)
    {
        var definition = context.Initiative.Definition;
        return new BlueprintTask(MergeTaskId(context.Initiative.Id), new TaskDefinition
        {
            Name = $"Merge the streams of {definition.Name}",
            Runner = Runners.Merge.MergeRunner.RunnerName,
            Arguments = streamBranches,
            WorkingDirectory = definition.Repository,
            Worktree = true,
            KeepWorktree = true,
            WorktreeBranch = integrationBranch,
            WorktreeBase = definition.Base,
            // A merge either works or waits for a person; running it again cannot settle a conflict.
            MaxRetries = 0,
            WorkflowId = context.WorkflowId,
            PhaseId = IntegrationPhaseId,
            CreatedBy = context.Initiative.CreatedBy,
            Tags = ["initiative:" + definition.Name],
        });
    }

    private static string DerivedId(string initiativeId, string what)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{initiativeId}\n{what}"));
        return TaskIds.FromBits(BinaryPrimitives.ReadUInt64LittleEndian(hash));
    }

    private sealed class PlanContext(InitiativeRecord initiative, string workflowId, List<BlueprintTask> tasks)
    {
        public InitiativeRecord Initiative => initiative;

        public string WorkflowId => workflowId;

        public void AddStream(StreamDefinition stream, string phaseId, string branch, string? worktreeBase, string? after)
        {
            BlueprintTask? previous = null;
            for (var i = 0; i < stream.Tasks.Count; i++)
            {
                var task = stream.Tasks[i];
                string[] dependsOn = previous is not null ? [previous.Id] : after is not null ? [after] : [];
                var resumes = previous is not null && task.Runner != CommandRunner.RunnerName && task.Runner == previous.Definition.Runner;
                var id = TaskId(initiative.Id, stream.Id, i);
                previous = new BlueprintTask(id, task with
                {
                    WorkingDirectory = initiative.Definition.Repository,
                    Worktree = true,
                    KeepWorktree = true,
                    WorktreeBranch = branch,
                    WorktreeBase = worktreeBase,
                    Session = resumes ? new SessionSource(previous!.Id, SessionUse.Continue) : task.Session,
                    DependsOn = [.. dependsOn],
                    WorkflowId = workflowId,
                    PhaseId = phaseId,
                    CreatedBy = initiative.CreatedBy,
                    IdempotencyKey = null,
                    Tags = [.. task.Tags, "initiative:" + initiative.Definition.Name, "stream:" + stream.Id],
                });
                tasks.Add(previous);
            }
        }
    }
}
