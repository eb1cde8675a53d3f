namespace Baton.Core.Agents;

/// <summary>
/// An agent file that is not used because a definition of the same name with higher precedence exists.
/// </summary>
/// <param name="Name">The agent name both files define.</param>
/// <param name="Path">The file that is ignored.</param>
/// <param name="Source">Where the ignored file was found.</param>
/// <param name="WinnerPath">The file whose definition is used.</param>
/// <param name="WinnerSource">Where the used file was found.</param>
public sealed record ShadowedAgent(string Name, string Path, AgentSource Source, string WinnerPath, AgentSource WinnerSource);
