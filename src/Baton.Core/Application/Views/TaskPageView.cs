namespace Baton.Core.Application.Views;

/// <summary>One page of a task listing, newest first; <see cref="NextCursor"/> fetches the next, and is null on the last.</summary>
/// <param name="Tasks">The tasks of this page.</param>
/// <param name="NextCursor">Opaque: pass it back as <c>cursor</c> for the next page.</param>
public sealed record TaskPageView(IReadOnlyList<TaskView> Tasks, string? NextCursor);
