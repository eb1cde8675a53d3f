namespace Baton.AgentCli.Tests.Fakes;

/// <summary>The token counts a scripted turn reports: input in <c>message_start</c>, output in <c>message_delta</c>.</summary>
internal sealed record ScriptedUsage(int InputTokens, int OutputTokens)
{
    public static ScriptedUsage Default { get; } = new(1200, 45);
}
