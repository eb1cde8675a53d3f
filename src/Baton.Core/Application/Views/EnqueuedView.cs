namespace Baton.Core.Application.Views;

/// <summary>The answer to queuing a task: its id at once, its status, and a one-line message.</summary>
public sealed record EnqueuedView(string TaskId, string Status, bool Created, string Message);

/// <summary>An error as machine-readable output shows it.</summary>
public sealed record ErrorView(string Error, string Kind);
