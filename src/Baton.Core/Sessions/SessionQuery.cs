namespace Baton.Core.Sessions;

/// <summary>Which agent sessions to list: those of an agent, or that a task used; newest activity first, at most <paramref name="Limit"/>.</summary>
public sealed record SessionQuery(string? Agent = null, string? TaskId = null, int Limit = SessionQuery.DefaultLimit)
{
    /// <summary>How many sessions a list shows unless told otherwise.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The most a list shows.</summary>
    public const int MaxLimit = 500;
}
