using Baton.Core.Sessions;

namespace Baton.Core.Storage;

/// <summary>
/// Agent sessions as the attempts that ran in them: an attempt records its agent's session id, and a session is the
/// attempts that share one (a retry, a continued or forked task, a stream's tasks run one after another).
/// </summary>
public interface ISessionStore
{
    /// <summary>The ids of the sessions that match <paramref name="query"/>, the one with the latest activity first.</summary>
    Task<IReadOnlyList<string>> FindSessionsAsync(SessionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every attempt that ran in one of <paramref name="sessionIds"/>, oldest first.</summary>
    Task<IReadOnlyList<SessionAttempt>> AttemptsInAsync(IReadOnlyList<string> sessionIds, CancellationToken cancellationToken = default);
}
