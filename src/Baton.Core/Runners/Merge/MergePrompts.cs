namespace Baton.Core.Runners.Merge;

/// <summary>What an agent is told when a person hands it a merge conflict.</summary>
public static class MergePrompts
{
    /// <summary>
    /// The prompt: which merge, which files, what done means (no conflict markers, every file staged, no commit: Baton
    /// commits the merge itself), and what the person added.
    /// </summary>
    public static string Resolve(string branch, string? into, string worktree, IReadOnlyList<string> files, string? instructions)
    {
        var listed = string.Join("\n", files.Select(f => "- " + f));
        var prompt = $"""
            A git merge of the branch {branch} into {into ?? "this branch"} stopped at conflicts in {worktree}.
            The conflicted files:
            {listed}

            Resolve each conflict so the result keeps the intent of both sides: read both versions (git diff, git show
            :2:FILE and :3:FILE), edit the file so no conflict markers remain, then stage it with git add. Do not
            commit, abort the merge or touch other branches: Baton commits the merge once no file is left unmerged.
            """;
        return instructions is null ? prompt : $"{prompt}\n\nFrom the person who handed you this conflict:\n{instructions}";
    }
}
