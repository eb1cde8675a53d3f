using Baton.Core.Attempts;
using Baton.Core.Errors;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using static Baton.Core.Application.Views.Views;

namespace Baton.Core.Application;

/// <summary>
/// Agent sessions as users see them (<c>baton session list|show</c>, <c>/api/v1/sessions</c>): the attempts that shared a
/// session, summed up, with the latest capsule saved in it; and a task's capsules.
/// </summary>
public sealed class SessionService(ISessionStore sessions, ICapsuleStore capsules, TaskService tasks)
{
    /// <summary>How many capsules of a task are listed unless told otherwise.</summary>
    public const int DefaultCapsules = 20;

    /// <summary>The sessions that match <paramref name="query"/>, the latest activity first.</summary>
    public async Task<SessionListView> ListAsync(SessionQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Limit is < 1 or > SessionQuery.MaxLimit)
        {
            throw new BatonException(ErrorKind.InvalidInput, $"limit must be between 1 and {SessionQuery.MaxLimit}, not {query.Limit}");
        }

        if (query.TaskId is { } task)
        {
            query = query with { TaskId = await tasks.ResolveIdAsync(task, cancellationToken) };
        }

        var ids = await sessions.FindSessionsAsync(query, cancellationToken);
        if (ids.Count == 0)
        {
            return new SessionListView([]);
        }

        var attempts = (await sessions.AttemptsInAsync(ids, cancellationToken)).ToLookup(a => a.SessionId, StringComparer.Ordinal);
        var views = new List<SessionView>(ids.Count);
        foreach (var id in ids)
        {
            var latest = await capsules.LatestForSessionAsync(id, cancellationToken);
            views.Add(Summarise(id, [.. attempts[id]], latest, withAttempts: false));
        }

        return new SessionListView(views);
    }

    /// <summary>One session with its attempts; a clear not-found for an id no attempt recorded.</summary>
    public async Task<SessionView> GetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var attempts = await sessions.AttemptsInAsync([sessionId], cancellationToken);
        if (attempts.Count == 0)
        {
            throw new BatonException(ErrorKind.NotFound, $"no session {sessionId}: no attempt ran in it; 'baton session list' shows the sessions Baton ran");
        }

        return Summarise(sessionId, attempts, await capsules.LatestForSessionAsync(sessionId, cancellationToken), withAttempts: true);
    }

    /// <summary>A task's capsules (an id or a unique prefix), newest first.</summary>
    public async Task<CapsuleListView> CapsulesOfTaskAsync(string idOrPrefix, int limit = DefaultCapsules, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > SessionQuery.MaxLimit)
        {
            throw new BatonException(ErrorKind.InvalidInput, $"limit must be between 1 and {SessionQuery.MaxLimit}, not {limit}");
        }

        // Looked up, so that a task that does not exist is a not-found rather than an empty list.
        var id = (await tasks.GetAsync(idOrPrefix, cancellationToken)).Task.Id;
        var found = await capsules.ListForTaskAsync(id, limit, cancellationToken);
        return new CapsuleListView(id, [.. found.Select(CapsuleView.Of)]);
    }

    private static SessionView Summarise(string id, IReadOnlyList<SessionAttempt> attempts, CapsuleRecord? latest, bool withAttempts)
    {
        var last = attempts[^1];
        var usage = attempts.SelectMany(a => a.Attempt.Details?.Models.Values ?? []).ToList();
        var costs = attempts.Select(a => a.Attempt.Details?.CostUsd).Where(c => c is not null).ToList();
        return new SessionView
        {
            Id = id,
            Runner = last.Runner,
            Agent = last.AgentName ?? last.Runner,
            WorkingDirectory = last.WorkingDirectory,
            WorktreeBranch = last.WorktreeBranch,
            Tasks = [.. attempts.GroupBy(a => a.Attempt.Key.TaskId, StringComparer.Ordinal)
                .Select(g => new SessionTaskView(g.Key, g.First().TaskName, [.. g.Select(a => a.Attempt.Key.Number)]))],
            AttemptCount = attempts.Count,
            InputTokens = usage.Sum(u => u.InputTokens),
            OutputTokens = usage.Sum(u => u.OutputTokens),
            CacheReadTokens = usage.Sum(u => u.CacheReadTokens),
            CacheWriteTokens = usage.Sum(u => u.CacheWriteTokens),
            CostUsd = costs.Count == 0 ? null : costs.Sum(),
            CostEstimated = Estimated([.. attempts.Select(a => a.Attempt)]),
            FirstActivity = attempts.Min(a => a.Attempt.StartedAt),
            LastActivity = attempts.Max(a => a.Attempt.EndedAt ?? a.Attempt.StartedAt),
            LatestCapsule = latest is null ? null : CapsuleView.Of(latest),
            Attempts = withAttempts ? [.. attempts.Select(View)] : null,
        };
    }

    private static SessionAttemptView View(SessionAttempt a)
    {
        var models = a.Attempt.Details?.Models.Values ?? [];
        return new SessionAttemptView(a.Attempt.Key.TaskId, a.TaskName, a.Attempt.Key.Number, a.Attempt.Status.ToWire(), a.Attempt.StartedAt, a.Attempt.EndedAt,
            models.Sum(m => m.InputTokens), models.Sum(m => m.OutputTokens), a.Attempt.Details?.CostUsd, Estimated([a.Attempt]));
    }
}
