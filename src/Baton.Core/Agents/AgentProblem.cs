namespace Baton.Core.Agents;

/// <summary>
/// Why an agent file could not be used: the file, the 1-based line the problem is on, and a message that says
/// how to fix it. Shown as <c>file:line: message</c>.
/// </summary>
public sealed record AgentProblem(string File, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {Message}";
}
