namespace Baton.Core.Runners.Merge;

/// <summary>
/// What a person's answer to a merge conflict says: <c>resolved</c> (they settled and staged the files), <c>abort</c>
/// (give the merge up), or <c>agent NAME [instructions]</c> (hand the conflict to that agent, in the worktree).
/// </summary>
/// <param name="Kind">Which of the three.</param>
/// <param name="Agent">The agent's name, for <see cref="MergeAnswerKind.Agent"/>.</param>
/// <param name="Instructions">What the person added for the agent, or null.</param>
public sealed record MergeAnswer(MergeAnswerKind Kind, string? Agent = null, string? Instructions = null)
{
    /// <summary>The word that hands the conflict to an agent.</summary>
    public const string AgentWord = "agent";

    /// <summary>The answers, as a person types them.</summary>
    public const string Forms = $"'{MergeRunner.ResolvedAnswer}', '{MergeRunner.AbortAnswer}' or '{AgentWord} NAME [instructions]'";

    /// <summary>Reads an answer; null if it is none of the three.</summary>
    public static MergeAnswer? Parse(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        var space = trimmed.IndexOfAny([' ', '\t', '\n', ':']);
        var word = (space < 0 ? trimmed : trimmed[..space]).ToLowerInvariant();
        var rest = space < 0 ? string.Empty : trimmed[(space + 1)..].TrimStart(' ', '\t', '\n', ':');
        switch (word)
        {
            case MergeRunner.ResolvedAnswer when rest.Length == 0:
                return new MergeAnswer(MergeAnswerKind.Resolved);
            case MergeRunner.AbortAnswer when rest.Length == 0:
                return new MergeAnswer(MergeAnswerKind.Abort);
            case AgentWord when rest.Length > 0:
                var end = rest.IndexOfAny([' ', '\t', '\n', ':']);
                var agent = end < 0 ? rest : rest[..end];
                var instructions = end < 0 ? null : rest[(end + 1)..].Trim(' ', '\t', '\n', ':');
                return new MergeAnswer(MergeAnswerKind.Agent, agent, string.IsNullOrEmpty(instructions) ? null : instructions);
            default:
                return null;
        }
    }
}

/// <summary>The three answers to a merge conflict.</summary>
public enum MergeAnswerKind
{
    /// <summary>The files are settled and staged: commit and go on.</summary>
    Resolved,

    /// <summary>Give the merge up: the task fails.</summary>
    Abort,

    /// <summary>Hand the conflict to an agent task in the worktree, then look again.</summary>
    Agent,
}
