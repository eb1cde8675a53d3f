namespace Baton.Core.Application.Views;

/// <summary>A file a task changed: lines added and deleted (null for a binary file); untracked when git does not track it yet.</summary>
public sealed record ChangedFileView(string Path, int? Additions, int? Deletions, bool Untracked = false);
