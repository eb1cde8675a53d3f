namespace Baton.Core.Application.Views;

/// <summary>
/// The answer to queuing a task: its id at once, its status, and a one-line message. <c>webhook_secret</c> is set only
/// when the task's webhook_url made a new endpoint: the one time its signing secret is shown.
/// </summary>
public sealed record EnqueuedView(string TaskId, string Status, bool Created, string Message, string? WebhookSecret = null);

/// <summary>An error as machine-readable output shows it.</summary>
public sealed record ErrorView(string Error, string Kind);
