using Baton.Core.Attempts;
using Baton.Core.Interactions;
using Baton.Core.Logs;
using Baton.Core.Runners;
using Baton.Core.Runners.Merge;
using Baton.Core.Tasks;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Runners.Merge;

/// <summary>The merge runner on a real repository: the integration branch is checked out in a worktree, like Baton's.</summary>
public sealed class MergeRunnerTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly GitRepository repository = new();
    private readonly string worktree;
    private string[] order = ["baton/shop/api", "baton/shop/ui"];

    public MergeRunnerTests()
    {
        repository.Git("branch", "baton/shop/integration");
        repository.Git("branch", "baton/shop/api");
        repository.Git("branch", "baton/shop/ui");
        worktree = Path.Combine(repository.Worktrees, "integration");
        repository.Git("worktree", "add", "-q", worktree, "baton/shop/integration");
        repository.Git("checkout", "-q", "baton/shop/api");
        repository.Commit("api.txt", "api\n", "api work");
        repository.Git("checkout", "-q", "baton/shop/ui");
        repository.Commit("ui.txt", "ui\n", "ui work");
        repository.Git("checkout", "-q", "main");
    }

    [Fact]
    public async Task RunAsync_CleanBranches_MergesEachWithAMergeCommit()
    {
        var outcome = await RunAsync(null);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(["Merge stream baton/shop/ui", "Merge stream baton/shop/api"], MergeCommits());
        Assert.True(File.Exists(Path.Combine(worktree, "api.txt")));
        Assert.True(File.Exists(Path.Combine(worktree, "ui.txt")));
    }

    [Fact]
    public async Task RunAsync_RunAgain_SkipsWhatIsMergedAndMergesNothingTwice()
    {
        await RunAsync(null);

        var again = await RunAsync(null);

        Assert.True(again.Succeeded, again.Error);
        Assert.Equal("every stream branch was already merged", again.Result);
        Assert.Equal(2, MergeCommits().Count);
    }

    [Fact]
    public async Task RunAsync_ConflictWithoutAPerson_FailsNamingTheFiles()
    {
        MakeConflict();

        var outcome = await RunAsync(null);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Retryable);
        Assert.Contains("baton/shop/ui conflicts with baton/shop/integration in README.md", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("README.md", GitRepository.GitIn(worktree, "diff", "--name-only", "--diff-filter=U"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ConflictResolvedByAPerson_CommitsAndGoesOn()
    {
        MakeConflict();
        var conversation = new ScriptedMergeConversation(_ =>
        {
            File.WriteAllText(Path.Combine(worktree, "README.md"), "settled\n");
            GitRepository.GitIn(worktree, "add", "README.md");
            return new InteractionResponse { Decision = InteractionDecision.Answer, Message = "resolved", RespondedBy = "ann" };
        });

        var outcome = await RunAsync(conversation);

        Assert.True(outcome.Succeeded, outcome.Error);
        var ask = Assert.Single(conversation.Asks);
        Assert.Equal(InteractionKind.MergeConflict, ask.Kind);
        Assert.Contains("README.md", ask.Summary, StringComparison.Ordinal);
        Assert.Contains("\"files\":[\"README.md\"]", ask.Input, StringComparison.Ordinal);
        Assert.Equal(["Merge stream baton/shop/api", "Merge stream baton/shop/ui"], MergeCommits());
        Assert.Equal("settled\n", File.ReadAllText(Path.Combine(worktree, "README.md")));
    }

    [Fact]
    public async Task RunAsync_ApprovedWhileStillConflicted_AsksAgain()
    {
        MakeConflict();
        var conversation = new ScriptedMergeConversation(ask =>
        {
            if (ask.Input!.Contains("\"round\":1", StringComparison.Ordinal))
            {
                GitRepository.GitIn(worktree, "checkout", "--theirs", "README.md");
                GitRepository.GitIn(worktree, "add", "README.md");
            }

            return new InteractionResponse { Decision = InteractionDecision.Approve, RespondedBy = "ann" };
        });

        var outcome = await RunAsync(conversation);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(2, conversation.Asks.Count);
        Assert.NotEqual(InteractionFingerprint.Of(conversation.Asks[0]), InteractionFingerprint.Of(conversation.Asks[1]));
    }

    [Fact]
    public async Task RunAsync_ConflictDenied_AbortsTheMergeAndFails()
    {
        MakeConflict();
        var conversation = new ScriptedMergeConversation(_ => new InteractionResponse { Decision = InteractionDecision.Deny, RespondedBy = "ann" });

        var outcome = await RunAsync(conversation);

        Assert.False(outcome.Succeeded);
        Assert.Contains("ann aborted the merge of baton/shop/ui", outcome.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, GitRepository.TryGitIn(worktree, "rev-parse", "--verify", "--quiet", "MERGE_HEAD").ExitCode);
    }

    [Fact]
    public async Task RunAsync_MergeLeftSettledByAnEarlierAttempt_CommitsItOnce()
    {
        MakeConflict();
        await RunAsync(null);
        File.WriteAllText(Path.Combine(worktree, "README.md"), "by hand\n");
        GitRepository.GitIn(worktree, "add", "README.md");

        var outcome = await RunAsync(null);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(["Merge stream baton/shop/api", "Merge stream baton/shop/ui"], MergeCommits());
    }

    [Fact]
    public async Task RunAsync_ConflictHandedToAnAgent_WaitsForItsTaskThenCommits()
    {
        MakeConflict();
        var conversation = new ScriptedMergeConversation(_ => new InteractionResponse
        {
            Decision = InteractionDecision.Answer, Message = "agent fixer: keep both lines", RespondedBy = "ann",
        });
        var helpers = new WorktreeAgentHelpers(request =>
        {
            File.WriteAllText(Path.Combine(request.WorkingDirectory, "README.md"), "integration\nui\n");
            GitRepository.GitIn(request.WorkingDirectory, "add", "README.md");
            return TaskState.Completed;
        });

        var outcome = await RunAsync(conversation, helpers);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Single(conversation.Asks);
        var request = Assert.Single(helpers.Requests);
        Assert.Equal("fixer", request.Agent);
        Assert.Equal(worktree, request.WorkingDirectory);
        Assert.Equal("ann", request.CreatedBy);
        Assert.StartsWith("merge:", request.IdempotencyKey, StringComparison.Ordinal);
        Assert.Contains("- README.md", request.Instructions, StringComparison.Ordinal);
        Assert.Contains("Do not\ncommit", request.Instructions, StringComparison.Ordinal);
        Assert.EndsWith("From the person who handed you this conflict:\nkeep both lines", request.Instructions, StringComparison.Ordinal);
        Assert.Equal(["Merge stream baton/shop/api", "Merge stream baton/shop/ui"], MergeCommits());
        Assert.Equal("integration\nui\n", File.ReadAllText(Path.Combine(worktree, "README.md")));
    }

    [Fact]
    public async Task RunAsync_AgentLeavesTheConflict_AsksThePersonAgain()
    {
        MakeConflict();
        var conversation = new ScriptedMergeConversation(ask => ask.Input!.Contains("\"round\":0", StringComparison.Ordinal)
            ? new InteractionResponse { Decision = InteractionDecision.Answer, Message = "agent fixer", RespondedBy = "ann" }
            : new InteractionResponse { Decision = InteractionDecision.Answer, Message = "abort", RespondedBy = "ann" });
        var helpers = new WorktreeAgentHelpers(_ => TaskState.Failed);

        var outcome = await RunAsync(conversation, helpers);

        Assert.False(outcome.Succeeded);
        Assert.Equal(2, conversation.Asks.Count);
        Assert.Single(helpers.Requests);
        Assert.Contains("ann aborted the merge of baton/shop/ui", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AgentOnANodeThatCannotStartOne_AsksAgain()
    {
        MakeConflict();
        var conversation = new ScriptedMergeConversation(ask => ask.Input!.Contains("\"round\":0", StringComparison.Ordinal)
            ? new InteractionResponse { Decision = InteractionDecision.Answer, Message = "agent fixer", RespondedBy = "ann" }
            : new InteractionResponse { Decision = InteractionDecision.Deny, RespondedBy = "ann" });

        var outcome = await RunAsync(conversation);

        Assert.False(outcome.Succeeded);
        Assert.Equal(2, conversation.Asks.Count);
    }

    [Fact]
    public void Ask_SaysHowToHandTheConflictToAnAgent()
    {
        MakeConflict();

        var ask = MergeRunner.Ask(Context(null), "baton/shop/ui", ["README.md"], 0);

        Assert.Contains("'agent NAME [instructions]'", ask.Detail, StringComparison.Ordinal);
        Assert.Equal(worktree, MergeRunner.WorktreeOf(ask));
    }

    [Theory]
    [InlineData("resolved", MergeAnswerKind.Resolved, null, null)]
    [InlineData("  Resolved\n", MergeAnswerKind.Resolved, null, null)]
    [InlineData("ABORT", MergeAnswerKind.Abort, null, null)]
    [InlineData("agent fixer", MergeAnswerKind.Agent, "fixer", null)]
    [InlineData("agent: fixer: prefer the ui side", MergeAnswerKind.Agent, "fixer", "prefer the ui side")]
    [InlineData("Agent fixer keep both", MergeAnswerKind.Agent, "fixer", "keep both")]
    public void Parse_TheThreeAnswers(string text, MergeAnswerKind kind, string? agent, string? instructions)
    {
        var answer = MergeAnswer.Parse(text);

        Assert.Equal(new MergeAnswer(kind, agent, instructions), answer);
    }

    [Theory]
    [InlineData("")]
    [InlineData("agent")]
    [InlineData("resolved now")]
    [InlineData("yes")]
    [InlineData(null)]
    public void Parse_AnythingElse_IsNull(string? text) => Assert.Null(MergeAnswer.Parse(text));

    public void Dispose() => repository.Dispose();

    // The integration branch and ui both change README.md; ui comes first in the arguments of these tests' conflicts.
    private void MakeConflict()
    {
        repository.Commit("README.md", "integration\n", "integration edit", at: worktree);
        repository.Git("checkout", "-q", "baton/shop/ui");
        repository.Commit("README.md", "ui\n", "ui edit");
        repository.Git("checkout", "-q", "main");
        order = ["baton/shop/ui", "baton/shop/api"];
    }

    private List<string> MergeCommits() =>
        [.. GitRepository.GitIn(worktree, "log", "--merges", "--format=%s").Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private async Task<AttemptOutcome> RunAsync(IAttemptConversation? conversation, IAgentHelpers? helpers = null)
    {
        using var logDirectory = new TempDirectory();
        using var log = AttemptLog.Create(logDirectory.File("1.log"), 64 * 1024, 4096);
        var context = Context(conversation) with { Log = log };
        return await new MergeRunner(() => helpers).RunAsync(context, CancellationToken.None).WaitAsync(Bound);
    }

    private AttemptContext Context(IAttemptConversation? conversation)
    {
        var task = new TaskRecord
        {
            Id = TaskIds.New(),
            Definition = new TaskDefinition
            {
                Name = "merge", Runner = MergeRunner.RunnerName, Arguments = order, WorkingDirectory = worktree,
                Worktree = true, WorktreeBranch = "baton/shop/integration",
            },
            Status = TaskState.Running,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            DueAt = DateTimeOffset.UnixEpoch,
        };
        return new AttemptContext(task, new AttemptKey(task.Id, 1), null!, TimeSpan.FromSeconds(1), TimeProvider.System, _ => Task.CompletedTask, _ => { },
            Conversation: conversation);
    }
}
