namespace Baton.AgentCli.Tests.Fakes;

/// <summary>A <c>text</c> block, streamed as one <c>text_delta</c>.</summary>
internal sealed record ScriptedText(string Text) : ScriptedBlock;
