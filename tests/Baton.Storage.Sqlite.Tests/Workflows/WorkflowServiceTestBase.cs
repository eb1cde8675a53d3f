using Baton.Core.Application;
using Baton.Core.Runners;
using Baton.Core.Runners.Command;
using Baton.Core.Tasks;
using Baton.Core.Tests.Testing;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Workflows;

/// <summary>
/// The workflow service over a fresh SQLite store for each test, with a clock that stands still, a notifier that records,
/// and the two-phase workflow the tests build on.
/// </summary>
public abstract class WorkflowServiceTestBase : IAsyncLifetime
{
    private protected const string SearchPath = "/usr/bin:/bin";
    private readonly TempDirectory workingDirectory = new();
    private protected readonly RecordingNotifier notifier = new();
    private protected readonly FixedClock clock = new(TestTasks.Now);
    private protected WorkflowDatabase db = null!;
    private protected WorkflowService service = null!;

    public async Task InitializeAsync()
    {
        db = await WorkflowDatabase.CreateAsync();
        service = new WorkflowService(db.Workflows, db.Tasks, notifier, new RunnerRegistry([new CommandRunner(new Dictionary<string, string>())]), clock);
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        workingDirectory.Dispose();
    }

    private protected async Task<WorkflowRecord> StartedAsync()
    {
        var workflow = await service.CreateAsync(new WorkflowSettings("release"));
        await service.AddPhaseAsync(workflow.Id, "design", null, []);
        await service.AddPhaseAsync(workflow.Id, "build", null, ["design"]);
        await service.AddTaskAsync(workflow.Id, "design", Definition("sketch"), SearchPath);
        await service.AddTaskAsync(workflow.Id, "build", Definition("compile"), SearchPath);
        await service.StartAsync(workflow.Id);
        return workflow;
    }

    /// <summary>What a rejected request must leave unchanged: the workflow, its phases and its tasks.</summary>
    private protected async Task<string> ShapeAsync(string workflowId)
    {
        var snapshot = await db.Workflows.GetSnapshotAsync(workflowId) ?? throw new InvalidOperationException("no workflow");
        return $"{snapshot.Workflow.Status}/{snapshot.Workflow.UpdatedAt:O} | "
            + string.Join("; ", snapshot.Phases.Select(p => $"{p.PhaseId}<-[{string.Join(",", p.DependsOn)}]:{p.Status}")) + " | "
            + string.Join("; ", snapshot.Tasks.Select(t => $"{t.Id}:{t.Name}:{t.PhaseId}:{t.Status}:{t.Blocked}"));
    }

    private protected TaskDefinition Definition(string name) => new()
    {
        Name = name,
        Runner = CommandRunner.RunnerName,
        Program = "sh",
        Arguments = ["-c", "true"],
        WorkingDirectory = workingDirectory.Path,
    };

    private protected sealed class RecordingNotifier : IWorkNotifier
    {
        public List<WorkChange> Changes { get; } = [];

        public Task NotifyAsync(WorkChange change, CancellationToken cancellationToken = default)
        {
            Changes.Add(change);
            return Task.CompletedTask;
        }
    }

    private protected sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
