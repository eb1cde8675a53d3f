namespace Baton.Core.Application.Listing;

/// <summary>
/// The task list filters as a person or a client writes them (query parameters, CLI options), before they are read:
/// <see cref="TaskListFilters.Apply"/> checks them and turns them into a query.
/// </summary>
/// <param name="Status">Statuses, comma-separated (<c>failed,timed_out</c>).</param>
/// <param name="Agent">The agent definition's name.</param>
/// <param name="Owner">Who created the tasks, as recorded (<c>cli:alice</c>, <c>token:ci</c>).</param>
/// <param name="Since">Created at or after: an ISO-8601 time, or a duration back from now (<c>30m</c>, <c>24h</c>, <c>7d</c>).</param>
/// <param name="Until">Created before: the same forms as <paramref name="Since"/>.</param>
/// <param name="Search">Text the name contains, ignoring case.</param>
public sealed record TaskListFilter(
    string? Status = null, string? Agent = null, string? Owner = null, string? Since = null, string? Until = null, string? Search = null);
