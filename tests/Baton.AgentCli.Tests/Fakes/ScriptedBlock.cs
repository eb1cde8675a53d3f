namespace Baton.AgentCli.Tests.Fakes;

/// <summary>One content block of a scripted assistant turn: <see cref="ScriptedText"/> or <see cref="ScriptedToolUse"/>.</summary>
internal abstract record ScriptedBlock;
