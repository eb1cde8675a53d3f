namespace Baton.Core.Sessions;

/// <summary>A task that used a session, and which of its attempts ran in it.</summary>
public sealed record SessionTaskView(string TaskId, string Name, IReadOnlyList<int> Attempts);
