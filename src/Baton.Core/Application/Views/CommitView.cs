namespace Baton.Core.Application.Views;

/// <summary>A commit made while a task ran.</summary>
public sealed record CommitView(string Sha, string ShortSha, string Subject, string Author, DateTimeOffset CommittedAt);
