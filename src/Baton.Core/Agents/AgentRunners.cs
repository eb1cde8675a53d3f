namespace Baton.Core.Agents;

/// <summary>The runners an agent definition may name.</summary>
internal static class AgentRunners
{
    public const string Default = "claude";

    public static readonly IReadOnlyList<string> All = ["claude", "codex", "gemini", "command"];

    public static bool IsKnown(string runner) => All.Contains(runner, StringComparer.Ordinal);
}
