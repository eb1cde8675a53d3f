using Baton.Core.Attempts;
using Baton.Core.Initiatives;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Core.Worktrees;
using Baton.EndToEnd.Tests.Harness;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Baton.EndToEnd.Tests.Initiatives.GitRepository;
using static Baton.EndToEnd.Tests.Workflows.WorkflowHarness;

namespace Baton.EndToEnd.Tests.Initiatives;

/// <summary>
/// An initiative on a real repository, run by the daemon: a foundation stream, three parallel streams in their own
/// worktrees, and the integration merge, with kill -9 of the daemon inside a parallel stream and while the merge waits
/// for a person to settle a conflict.
/// </summary>
public sealed class InitiativeRunTests : IDisposable
{
    private readonly BatonHome home = new();

    [Fact]
    public async Task Initiative_KilledInAStreamAndInTheMerge_EveryTaskRunsOnceAndEachBranchIsMergedOnce()
    {
        var repository = Path.Combine(home.Work, "repo");
        Directory.CreateDirectory(repository);
        Git(repository, "init", "-q", "-b", "main");
        Git(repository, "config", "user.email", "tests@example.invalid");
        Git(repository, "config", "user.name", "Tests");
        await File.WriteAllTextAsync(Path.Combine(repository, "README.md"), "hello\n");
        Git(repository, "add", "README.md");
        Git(repository, "commit", "-q", "-m", "first");
        var runs = Path.Combine(home.Work, "runs");
        var seenMerges = Path.Combine(home.Work, "merges-seen");
        // Each task notes its run, then commits one file in its worktree; b1's first attempt hangs so the daemon dies in it.
        TaskDefinition Step(string name, string file, string text, bool hangsFirst = false) => new()
        {
            Name = name,
            Runner = "command",
            Program = "sh",
            Arguments = ["-c", $"echo \"{name} $BATON_ATTEMPT\" >> {runs}; "
                + (hangsFirst ? "if [ \"$BATON_ATTEMPT\" = 1 ]; then sleep 600; fi; " : string.Empty)
                + $"printf '%s\\n' '{text}' > {file} && git add {file} && git commit -q -m '{name}'"],
            WorkingDirectory = "/",
        };
        var check = new TaskDefinition
        {
            Name = "check",
            Runner = "command",
            Program = "sh",
            Arguments = ["-c", $"echo \"check $BATON_ATTEMPT\" >> {runs}; git log --merges --format=%s > {seenMerges}"],
            WorkingDirectory = "/",
        };
        var initiative = new InitiativeRecord(
            InitiativeIds.New(),
            new InitiativeDefinition("shop", repository, null, InitiativeDefinition.DefaultMaxParallel,
            [
                new StreamDefinition("core", "Core", StreamPhase.Foundation, [], [Step("core", "core.txt", "core")]),
                new StreamDefinition("a", "Stream A", StreamPhase.Parallel, [], [Step("a1", "a1.txt", "a1"), Step("a2", "README.md", "from a")]),
                new StreamDefinition("b", "Stream B", StreamPhase.Parallel, [], [Step("b1", "b1.txt", "b1", hangsFirst: true), Step("b2", "b2.txt", "b2")]),
                new StreamDefinition("c", "Stream C", StreamPhase.Parallel, [], [Step("c1", "README.md", "from c")]),
                new StreamDefinition("check", "Check", StreamPhase.Integration, [], [check]),
            ]),
            WorkflowId: null,
            CreatedAt: TimeProvider.System.GetUtcNow(),
            CreatedBy: null,
            ArchivedAt: null);
        var blueprint = InitiativePlanner.Plan(initiative, TimeProvider.System.GetUtcNow());
        var mergeId = InitiativePlanner.MergeTaskId(initiative.Id);

        var first = await home.StartDaemonAsync();
        await using var store = new ServiceCollection().AddBatonSqliteStore(new StoreOptions { Location = home.DatabasePath }).BuildServiceProvider();
        await store.GetRequiredService<IWorkflowStore>().CreateAsync(blueprint, TimeProvider.System.GetUtcNow());
        var tasks = store.GetRequiredService<ITaskStore>();
        // The crash must find b1 alone under way. Streams a and c run beside b: a task of theirs caught by the kill runs
        // again (work is done at least once), and its second run finds its commit made and fails, which fails the
        // workflow and cancels the merge.
        await Eventually.True(
            async () => File.Exists(runs) && File.ReadAllLines(runs).Contains("b1 1")
                && (await tasks.GetAttemptsAsync(TaskId(blueprint, "b1"))).Any(a => a.Status == AttemptState.Running && a.Process is not null)
                && (await tasks.GetTaskAsync(TaskId(blueprint, "a2")))?.Status == TaskState.Completed
                && (await tasks.GetTaskAsync(TaskId(blueprint, "c1")))?.Status == TaskState.Completed,
            TimeSpan.FromSeconds(60),
            "stream b's first task to run, with streams a and c done");
        first.KillHard();

        using var second = await home.StartDaemonAsync();
        var interactions = store.GetRequiredService<IInteractionStore>();
        var conflict = await OpenConflictAsync(interactions, tasks, blueprint, mergeId);
        Assert.Contains("baton/shop/c into baton/shop/integration", conflict.Ask.Summary, StringComparison.Ordinal);
        Assert.Contains("\"files\":[\"README.md\"]", conflict.Ask.Input, StringComparison.Ordinal);
        second.KillHard();

        using var third = await home.StartDaemonAsync();
        // The merge's next attempt asks the same question again (taking over the open one), the conflict still in its worktree.
        var again = await OpenConflictAsync(interactions, tasks, blueprint, mergeId, minAttempt: 2);
        Assert.Equal(conflict.Fingerprint, again.Fingerprint);
        var integration = GitWorktrees.NamedPathFor(Path.Combine(home.Dir, "worktrees"), InitiativeBranches.Integration("shop"));
        await File.WriteAllTextAsync(Path.Combine(integration, "README.md"), "from a and c\n");
        Git(integration, "add", "README.md");
        var approved = await home.RunAsync("task", "approve", again.Id);
        Assert.True(approved.ExitCode == 0, approved.ToString());
        var workflow = await WaitEndedAsync(home, blueprint.Workflow.Id, TimeSpan.FromSeconds(90));

        Assert.Equal("completed", workflow.GetProperty("status").GetString());
        var lines = File.ReadAllLines(runs);
        // Every task ran once, but b1, whose first attempt the crash interrupted.
        Assert.Equal(["a1 1", "a2 1", "b1 1", "b1 2", "b2 1", "c1 1", "check 1", "core 1"], lines.Order(StringComparer.Ordinal));
        foreach (var task in blueprint.Tasks)
        {
            var attempts = await tasks.GetAttemptsAsync(task.Id);
            Assert.Equal(1, attempts.Count(a => a.Status == AttemptState.Completed));
        }

        var merges = Git(repository, "log", "--merges", "--format=%s", "refs/heads/baton/shop/integration").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Merge stream baton/shop/c", "Merge stream baton/shop/b", "Merge stream baton/shop/a"], merges);
        Assert.Equal(merges, File.ReadAllLines(seenMerges));
        Assert.Equal("from a and c\n", await File.ReadAllTextAsync(Path.Combine(integration, "README.md")));
        var listing = Git(repository, "worktree", "list", "--porcelain");
        Assert.All(["baton/shop/a", "baton/shop/b", "baton/shop/c", "baton/shop/integration"], b => Assert.Contains($"branch refs/heads/{b}\n", listing, StringComparison.Ordinal));

        await new InitiativeWorkspace(Path.Combine(home.Dir, "worktrees")).ArchiveAsync(initiative);

        Assert.Single(Git(repository, "worktree", "list", "--porcelain").Split('\n'), l => l.StartsWith("worktree ", StringComparison.Ordinal));
        Assert.Equal(4, Git(repository, "branch", "--list", "baton/shop/*").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    public void Dispose() => home.Dispose();

    private static string TaskId(WorkflowBlueprint blueprint, string name) => blueprint.Tasks.Single(t => t.Definition.Name == name).Id;

    // Reaching the merge after a crash reruns a stream's tasks and merges three branches: a few seconds when the
    // machine is quiet, over a minute on a crowded 2-core one. A merge that ended (a failed stream cancels it) will
    // never ask: that fails at once, naming every task's state.
    private static async Task<InteractionRecord> OpenConflictAsync(
        IInteractionStore interactions, ITaskStore tasks, WorkflowBlueprint blueprint, string mergeId, int minAttempt = 1) =>
        await Eventually.Until(
            async () =>
            {
                var open = (await interactions.ListAsync(new InteractionQuery(TaskId: mergeId)))
                    .FirstOrDefault(i => i.Ask.Kind == InteractionKind.MergeConflict && i.AttemptNumber >= minAttempt);
                if (open is null && (await tasks.GetTaskAsync(mergeId))?.Status.IsTerminal() == true)
                {
                    var states = new List<string>();
                    foreach (var task in blueprint.Tasks)
                    {
                        var record = await tasks.GetTaskAsync(task.Id);
                        states.Add($"{task.Definition.Name}: {record?.Status.ToWire()} {record?.Error}");
                    }

                    Assert.Fail($"the merge ended without asking about the conflict; tasks: {string.Join("; ", states)}");
                }

                return open;
            },
            TimeSpan.FromSeconds(180),
            "the merge to ask about the conflict");
}
