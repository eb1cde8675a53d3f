using Baton.Core.Errors;
using Baton.Core.Events;
using Baton.Core.Sessions;
using Baton.Core.Workflows;

namespace Baton.Storage.Contract;

/// <summary>Context capsules: saved whole with their event, read back newest first by task, session and workflow.</summary>
public abstract class CapsuleContract : StoreContract
{
    [Fact]
    public async Task SaveAsync_FullCapsule_ReadsBackTheSameRecord()
    {
        await using var store = await OpenAsync();
        var task = await store.QueueAsync("design", ContractTimes.Now);
        var saved = Record(task, ContractTimes.Now, "sess-1") with
        {
            Capsule = new ContextCapsule
            {
                CurrentTask = "Design the schema — naïve first",
                CompletedSteps = ["read the seed", "listed tables"],
                NextSteps = ["write migration"],
                Decisions = [new CapsuleDecision("SQLite first", "it is the default store")],
                Files = ["src/Schema.sql"],
                OpenQuestions = ["keep history?"],
                FailedApproaches = ["one table per status"],
            },
        };

        await store.Capsules.SaveAsync(saved);

        var latest = await store.Capsules.LatestForTaskAsync(task);
        Assert.NotNull(latest);
        Assert.Equal(saved with { Capsule = latest.Capsule }, latest);
        Assert.Equal(CapsuleJson.Write(saved.Capsule), CapsuleJson.Write(latest.Capsule));
    }

    [Fact]
    public async Task SaveAsync_Twice_LatestIsTheNewerAndListIsNewestFirst()
    {
        await using var store = await OpenAsync();
        var task = await store.QueueAsync("design", ContractTimes.Now);
        var first = Record(task, ContractTimes.Now, "sess-1", "first");
        var second = Record(task, ContractTimes.Now.AddMinutes(1), "sess-1", "second");
        var sameMillisecond = Record(task, ContractTimes.Now.AddMinutes(1), "sess-1", "third");

        await store.Capsules.SaveAsync(first);
        await store.Capsules.SaveAsync(second);
        await store.Capsules.SaveAsync(sameMillisecond);

        var newest = string.CompareOrdinal(second.Id, sameMillisecond.Id) > 0 ? "second" : "third";
        Assert.Equal(newest, (await store.Capsules.LatestForTaskAsync(task))?.Capsule.CurrentTask);
        var listed = await store.Capsules.ListForTaskAsync(task, 10);
        Assert.Equal(3, listed.Count);
        Assert.Equal("first", listed[^1].Capsule.CurrentTask);
        Assert.Equal(2, (await store.Capsules.ListForTaskAsync(task, 2)).Count);
        Assert.Null(await store.Capsules.LatestForTaskAsync("task_other"));
    }

    [Fact]
    public async Task SaveAsync_TaskCapsule_AppendsContextSavedWithItsId()
    {
        await using var store = await OpenAsync();
        var task = await store.QueueAsync("design", ContractTimes.Now);
        var capsule = Record(task, ContractTimes.Now, "sess-1") with { AttemptNumber = 2 };

        await store.Capsules.SaveAsync(capsule);

        var saved = Assert.Single(await store.Events.ReadAsync(new EventQuery(0, new EventFilter(Types: [EventTypes.ContextSaved]))));
        Assert.Equal((task, 2, "work"), (saved.TaskId, saved.Attempt, saved.Message));
        Assert.Contains($"\"capsule_id\":\"{capsule.Id}\"", saved.Data, StringComparison.Ordinal);
        Assert.Contains("\"session_id\":\"sess-1\"", saved.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_UnknownTask_NotFoundAndNothingStored()
    {
        await using var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<BatonException>(() => store.Capsules.SaveAsync(Record("task_missing", ContractTimes.Now, null)));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Empty(await store.Capsules.ListForTaskAsync("task_missing", 10));
        Assert.Empty(await store.Events.ReadAsync(new EventQuery(0, new EventFilter(Types: [EventTypes.ContextSaved]))));
    }

    [Fact]
    public async Task LatestForSessionAsync_SavedByTwoTasks_NewestOfEitherTask()
    {
        await using var store = await OpenAsync();
        var design = await store.QueueAsync("design", ContractTimes.Now);
        var build = await store.QueueAsync("build", ContractTimes.Now);
        await store.Capsules.SaveAsync(Record(design, ContractTimes.Now, "sess-1", "design"));
        await store.Capsules.SaveAsync(Record(build, ContractTimes.Now.AddMinutes(1), "sess-1", "build"));
        await store.Capsules.SaveAsync(Record(design, ContractTimes.Now.AddMinutes(2), "sess-2", "elsewhere"));

        var latest = await store.Capsules.LatestForSessionAsync("sess-1");

        Assert.Equal((build, "build"), (latest?.TaskId, latest?.Capsule.CurrentTask));
        Assert.Null(await store.Capsules.LatestForSessionAsync("sess-none"));
    }

    [Fact]
    public async Task LatestForWorkflowAsync_TasksWithSeveralCapsules_NewestOfEachNewestFirst()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(ContractSteps.TwoPhases("wf_caps", FailurePolicy.FailFast, "api", "web"), ContractTimes.Now);
        await store.Capsules.SaveAsync(Record("wf_capsb0", ContractTimes.Now, null, "api old") with { WorkflowId = "wf_caps" });
        await store.Capsules.SaveAsync(Record("wf_capsb1", ContractTimes.Now.AddMinutes(1), null, "web") with { WorkflowId = "wf_caps" });
        await store.Capsules.SaveAsync(Record("wf_capsb0", ContractTimes.Now.AddMinutes(2), null, "api new") with { WorkflowId = "wf_caps" });
        var outside = await store.QueueAsync("outside", ContractTimes.Now);
        await store.Capsules.SaveAsync(Record(outside, ContractTimes.Now.AddMinutes(3), null, "outside"));

        var latest = await store.Capsules.LatestForWorkflowAsync("wf_caps");

        Assert.Equal(["api new", "web"], latest.Select(c => c.Capsule.CurrentTask));
        Assert.Empty(await store.Capsules.LatestForWorkflowAsync("wf_none"));
    }

    [Fact]
    public async Task FinishAsync_UpstreamPhaseSavedCapsule_NextPhaseReceivesItsLatestCapsule()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(ContractSteps.TwoPhases("wfcapsule001", FailurePolicy.FailFast, "compile"), ContractTimes.Now);
        var compile = await store.ClaimAsync();
        await store.Capsules.SaveAsync(Record(compile.Task.Id, ContractTimes.Now, null, "first thoughts") with { WorkflowId = "wfcapsule001" });
        await store.Capsules.SaveAsync(Record(compile.Task.Id, ContractTimes.Now.AddSeconds(1), null, "Compile the CLI") with
        {
            WorkflowId = "wfcapsule001",
            Capsule = new ContextCapsule { CurrentTask = "Compile the CLI", Decisions = [new CapsuleDecision("static linking", "the target has no libc")] },
        });

        await store.FinishAsync(compile, completed: true, result: "built 3 files\nand much more output");
        var upload = await store.ClaimAsync();

        Assert.Equal("upload", upload.Task.Definition.Name);
        Assert.Contains(
            "### compile (task wfcapsule001b0, command make, completed)\nContext handed over:\nCurrent task: Compile the CLI\n"
            + "Decisions:\n  - static linking (because the target has no libc)\nResult: built 3 files [... the whole result: 'baton task result wfcapsule001b0']\n",
            upload.Task.UpstreamContext,
            StringComparison.Ordinal);
        Assert.DoesNotContain("first thoughts", upload.Task.UpstreamContext, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinishAsync_DependsOnTaskThatSavedCapsule_DownstreamReceivesIt()
    {
        await using var store = await OpenAsync();
        await store.Tasks.EnqueueAsync("task_upstream", ContractTimes.Command("compile"), ContractTimes.Now);
        await store.Tasks.EnqueueAsync("task_downstr", ContractTimes.Command("deploy") with { DependsOn = ["task_upstream"] }, ContractTimes.Now);
        var compile = await store.ClaimAsync();
        await store.Capsules.SaveAsync(Record("task_upstream", ContractTimes.Now, "sess-1", "Compile for arm64"));

        await store.FinishAsync(compile, completed: true, result: "ok");
        var deploy = await store.ClaimAsync();

        Assert.Equal("task_downstr", deploy.Task.Id);
        Assert.Contains("Context handed over:\nCurrent task: Compile for arm64\nResult: ok\n", deploy.Task.UpstreamContext, StringComparison.Ordinal);
    }

    private static CapsuleRecord Record(string taskId, DateTimeOffset at, string? sessionId, string currentTask = "work") =>
        new(CapsuleIds.New(at), taskId, 1, sessionId, null, "architect", at, new ContextCapsule { CurrentTask = currentTask });
}
