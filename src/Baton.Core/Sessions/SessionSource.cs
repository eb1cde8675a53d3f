namespace Baton.Core.Sessions;

/// <summary>A task's agent session taken up by another task.</summary>
/// <param name="TaskId">The task whose latest session is taken up.</param>
/// <param name="Use">Continued as it is, or forked into a copy.</param>
public sealed record SessionSource(string TaskId, SessionUse Use);

/// <summary>How a task takes up another task's session.</summary>
public enum SessionUse
{
    /// <summary>Resumes the session itself: what this task does is added to it.</summary>
    Continue,

    /// <summary>Resumes a copy (Claude <c>--fork-session</c>, Codex <c>thread/fork</c>): the original stays as it was.</summary>
    Fork,
}

/// <summary>The wire names of <see cref="SessionUse"/>.</summary>
public static class SessionUses
{
    public static string ToWire(this SessionUse use) => use == SessionUse.Fork ? "fork" : "continue";

    public static bool TryParse(string? text, out SessionUse use)
    {
        (var ok, use) = text switch
        {
            "continue" => (true, SessionUse.Continue),
            "fork" => (true, SessionUse.Fork),
            _ => (false, SessionUse.Continue),
        };
        return ok;
    }
}
