namespace Baton.AgentCli.Tests.Claude;

/// <summary>Deadlines for real CLI runs: a run takes about a second, this leaves room for a loaded 2-core machine.</summary>
internal static class ClaudeTimeouts
{
    public static TimeSpan Run { get; } = TimeSpan.FromSeconds(25);
}
