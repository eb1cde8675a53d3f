using System.Text.Json.Nodes;
using Baton.Core.Interactions;
using Baton.Core.Tasks;

namespace Baton.Core.Runners.Merge;

/// <summary>
/// The built-in <c>merge</c> runner that ends an initiative's streams: in the task's worktree (the initiative's own
/// branch) it merges each branch named in the task's arguments, in order, with a merge commit. A branch already
/// contained is skipped, so an attempt that follows one killed halfway merges what is left and never twice. A conflict
/// is left in the worktree and put to a person (<see cref="InteractionKind.MergeConflict"/>): they resolve and stage
/// the files, then approve (Baton commits and goes on); or hand the conflict to an agent (an agent task in the
/// worktree, waited for, then the files are checked again); or deny (the merge is aborted and the task fails). Without
/// a person in the loop the task fails, naming the files.
/// </summary>
/// <param name="helpers">Starts the agent tasks conflicts are handed to; null where none can be (the CLI only validates).</param>
public sealed class MergeRunner(Func<IAgentHelpers?>? helpers = null) : IRunner
{
    /// <summary>The runner's name.</summary>
    public const string RunnerName = "merge";

    /// <summary>The answer that says the conflict was settled in the worktree (approving says the same).</summary>
    public const string ResolvedAnswer = "resolved";

    /// <summary>The answer that gives the merge up (denying says the same).</summary>
    public const string AbortAnswer = "abort";

    private const int MaxAsks = 20;

    /// <summary>How often an agent task a conflict was handed to is looked at.</summary>
    private static readonly TimeSpan HelperPoll = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public string Name => RunnerName;

    /// <summary>A merge runs git and waits: on people and on the agent tasks it hands conflicts to, which need the slots.</summary>
    public bool TakesSlot => false;

    /// <inheritdoc />
    public async Task<AttemptOutcome> RunAsync(AttemptContext context, CancellationToken stop)
    {
        var branches = context.Task.Definition.Arguments;
        var git = new MergeGit(context.Task.Definition.WorkingDirectory);
        if (await git.RemoveStaleLockAsync(stop))
        {
            context.Log.WriteNotice("merge: removed the index lock a stopped git left behind");
        }

        if (await git.MergingAsync(stop))
        {
            // An earlier attempt stopped at a conflict (or died before its commit): settle that merge first.
            var head = await git.MergeHeadAsync(stop);
            var pending = await FindBranchAsync(git, branches, head, stop) ?? head ?? "MERGE_HEAD";
            if (await SettleAsync(context, git, pending, stop) is { } failed)
            {
                return failed;
            }
        }

        var merged = new List<string>();
        foreach (var branch in branches)
        {
            if (!await git.ExistsAsync(branch, stop))
            {
                // A stream whose tasks never made a commit still has its branch (its worktree made it); a missing one is a mistake.
                return Fail(context, $"merge: branch {branch} does not exist in {context.Task.Definition.WorkingDirectory}", retryable: false);
            }

            if (await git.IsMergedAsync(branch, stop))
            {
                context.Log.WriteNotice($"merge: {branch} is already merged; skipping it");
                continue;
            }

            context.Log.WriteNotice($"merge: merging {branch}");
            if (!await git.MergeAsync(branch, $"Merge stream {branch}", stop))
            {
                if (!await git.MergingAsync(stop))
                {
                    return Fail(context, $"merge: git could not merge {branch} (it stopped before merging: look at the worktree {context.Task.Definition.WorkingDirectory})", retryable: true);
                }

                if (await SettleAsync(context, git, branch, stop) is { } failed)
                {
                    return failed;
                }
            }

            merged.Add(branch);
        }

        var result = merged.Count == 0 ? "every stream branch was already merged" : $"merged {string.Join(", ", merged)}";
        context.Log.WriteNotice($"merge: {result}");
        return AttemptOutcome.Success(result);
    }

    /// <summary>Settles a merge under way: commits it once nothing is unmerged, or asks a person until it is; a failure to end the attempt, else null.</summary>
    private async Task<AttemptOutcome?> SettleAsync(AttemptContext context, MergeGit git, string branch, CancellationToken stop)
    {
        for (var round = 0; round < MaxAsks; round++)
        {
            var unmerged = await git.UnmergedAsync(stop);
            if (unmerged.Count == 0)
            {
                return await git.CommitAsync(stop)
                    ? Noted(context, $"merge: committed the merge of {branch}")
                    : Fail(context, $"merge: git could not commit the merge of {branch}; look at the worktree {context.Task.Definition.WorkingDirectory}", retryable: false);
            }

            var files = string.Join(", ", unmerged);
            if (context.Conversation is null)
            {
                return Fail(context, $"merge: {branch} conflicts with {context.Task.Definition.WorktreeBranch} in {files}; resolve them in {context.Task.Definition.WorkingDirectory} and retry the task", retryable: false);
            }

            context.Log.WriteNotice($"merge: {branch} conflicts in {files}; asking a person");
            var answered = await context.Conversation.AskAsync(Ask(context, branch, unmerged, round), stop);
            var response = answered.Response;
            var answer = response?.Decision switch
            {
                InteractionDecision.Approve => new MergeAnswer(MergeAnswerKind.Resolved),
                InteractionDecision.Deny => new MergeAnswer(MergeAnswerKind.Abort),
                _ => MergeAnswer.Parse(response?.Message),
            };
            if (answer?.Kind == MergeAnswerKind.Agent)
            {
                // Delivered only once the agent's task ended: an attempt that follows one killed while it waited finds
                // the answer undelivered, and waits on the same task again.
                await HandToAgentAsync(context, answered, answer, branch, unmerged, stop);
            }

            await context.Conversation.DeliveredAsync(answered, stop);
            if (answer?.Kind == MergeAnswerKind.Abort)
            {
                await git.AbortAsync(stop);
                return Fail(context, $"merge: {response!.RespondedBy} aborted the merge of {branch} (conflicts in {files})", retryable: false);
            }

            if (answer is null)
            {
                context.Log.WriteNotice($"merge: '{response?.Message}' is not an answer to a conflict; answer {MergeAnswer.Forms}");
            }

            // Approved or "resolved": the loop checks the worktree, and asks again if files are still unmerged.
        }

        return Fail(context, $"merge: {branch} still has unmerged files after {MaxAsks} answers; resolve them in {context.Task.Definition.WorkingDirectory} and retry the task", retryable: false);
    }

    /// <summary>The question: which branch, which files, where, and what each answer does. Its round makes each new ask a new interaction.</summary>
    public static InteractionAsk Ask(AttemptContext context, string branch, IReadOnlyList<string> files, int round) => new()
    {
        Kind = InteractionKind.MergeConflict,
        Summary = $"Merge conflict: {branch} into {context.Task.Definition.WorktreeBranch} ({files.Count} file{(files.Count == 1 ? string.Empty : "s")}: {string.Join(", ", files)})",
        Input = new JsonObject
        {
            ["branch"] = branch,
            ["into"] = context.Task.Definition.WorktreeBranch,
            ["worktree"] = context.Task.Definition.WorkingDirectory,
            ["files"] = new JsonArray([.. files.Select(f => (JsonNode)f)]),
            ["round"] = round,
        }.ToJsonString(),
        Detail = $"Conflicted files in {context.Task.Definition.WorkingDirectory}:\n{string.Join("\n", files.Select(f => "  " + f))}\n"
            + $"Resolve them there and 'git add' them, then approve (or answer '{ResolvedAnswer}'): Baton commits the merge and goes on. "
            + $"Or answer '{MergeAnswer.AgentWord} NAME [instructions]' to hand the conflict to that agent: it works in the worktree, "
            + "and Baton looks at the files again when its task ends. "
            + $"Deny (or answer '{AbortAnswer}') to abort the merge: the task fails.",
    };

    /// <summary>
    /// Runs the agent a person named on the conflict: queues its task in the worktree (once per answer) and waits for
    /// it to end. What the agent left is judged by the loop, which looks at the unmerged files again.
    /// </summary>
    private async Task HandToAgentAsync(
        AttemptContext context, InteractionRecord answered, MergeAnswer answer, string branch, IReadOnlyList<string> files, CancellationToken stop)
    {
        if (helpers?.Invoke() is not { } agents)
        {
            context.Log.WriteNotice($"merge: this node cannot start agent tasks; resolve the conflict by hand or abort it");
            return;
        }

        var worktree = context.Task.Definition.WorkingDirectory;
        var request = new AgentHelpRequest(
            answer.Agent!,
            worktree,
            $"Resolve the merge conflict of {branch} into {context.Task.Definition.WorktreeBranch}",
            MergePrompts.Resolve(branch, context.Task.Definition.WorktreeBranch, worktree, files, answer.Instructions),
            $"merge:{answered.Id}",
            answered.Response?.RespondedBy);
        TaskRecord helper;
        try
        {
            helper = await agents.StartAsync(request, stop);
        }
        catch (Errors.BatonException ex)
        {
            context.Log.WriteNotice($"merge: could not hand the conflict to agent {answer.Agent}: {ex.Message}");
            return;
        }

        context.Log.WriteNotice($"merge: handed the conflict in {string.Join(", ", files)} to agent {answer.Agent} (task {helper.Id}); waiting for it");
        try
        {
            while (!helper.Status.IsTerminal())
            {
                await Task.Delay(HelperPoll, context.Time, stop);
                helper = await agents.GetAsync(helper.Id, stop) ?? helper with { Status = TaskState.Cancelled };
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // A merge cancelled (or its initiative) takes its agent along; a merge stopped with its daemon leaves the
            // agent working, and the next attempt waits on it again.
            if (await agents.GetAsync(context.Task.Id, CancellationToken.None) is { } merge && (merge.CancelRequested || merge.Status == TaskState.Cancelled))
            {
                await agents.CancelAsync(helper.Id, CancellationToken.None);
            }

            throw;
        }

        var outcome = helper.Status == TaskState.Completed ? "finished" : $"ended {helper.Status.ToWire()}{(helper.Error is { } error ? $" ({error})" : string.Empty)}";
        context.Log.WriteNotice($"merge: agent task {helper.Id} {outcome}; looking at the files again");
    }

    /// <summary>The worktree a merge conflict is in, read from its ask; null if the ask does not say.</summary>
    public static string? WorktreeOf(InteractionAsk ask)
    {
        try
        {
            return JsonNode.Parse(ask.Input ?? "{}")?["worktree"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static async Task<string?> FindBranchAsync(MergeGit git, IReadOnlyList<string> branches, string? sha, CancellationToken stop)
    {
        foreach (var branch in branches)
        {
            if (sha is not null && await git.TipAsync(branch, stop) == sha)
            {
                return branch;
            }
        }

        return null;
    }

    private static AttemptOutcome? Noted(AttemptContext context, string note)
    {
        context.Log.WriteNotice(note);
        return null;
    }

    private static AttemptOutcome Fail(AttemptContext context, string error, bool retryable)
    {
        context.Log.WriteNotice(error);
        return AttemptOutcome.Failure(error, retryable);
    }
}
