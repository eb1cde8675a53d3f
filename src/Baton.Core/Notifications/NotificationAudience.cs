namespace Baton.Core.Notifications;

/// <summary>
/// Whose notifications a caller sees: the owners (<c>created_by</c> values) it may read, and whether unowned ones
/// (work created before owners were recorded) are among them. This is the one place the rule lives.
/// </summary>
/// <param name="Owners">The owner values the caller reads, in a stable order.</param>
/// <param name="IncludeUnowned">True if notifications without an owner are the caller's too.</param>
public sealed record NotificationAudience(IReadOnlyList<string> Owners, bool IncludeUnowned)
{
    private const string Loopback = "loopback";

    /// <summary>
    /// The audience of <paramref name="caller"/>. A local caller — <c>cli:USER</c>, <c>mcp:USER</c>, the owner's
    /// browser session <c>session:USER</c>, or an open <c>loopback</c> request, which acts for
    /// <paramref name="localUser"/> (the daemon's user) — sees USER's notifications from every interface plus
    /// <c>loopback</c> and unowned ones. Anyone else (a <c>token:NAME</c>
    /// caller) sees only what it created itself.
    /// </summary>
    public static NotificationAudience For(string caller, string localUser)
    {
        var user = caller switch
        {
            Loopback => localUser,
            _ when caller.StartsWith("cli:", StringComparison.Ordinal) => caller[4..],
            _ when caller.StartsWith("mcp:", StringComparison.Ordinal) => caller[4..],
            _ when caller.StartsWith("session:", StringComparison.Ordinal) => caller[8..],
            _ => null,
        };
        return user is null
            ? new NotificationAudience([caller], IncludeUnowned: false)
            : new NotificationAudience([$"cli:{user}", $"mcp:{user}", $"session:{user}", Loopback], IncludeUnowned: true);
    }

    /// <summary>True if a notification owned by <paramref name="owner"/> is for this audience.</summary>
    public bool Includes(string? owner) => owner is null ? IncludeUnowned : Owners.Contains(owner, StringComparer.Ordinal);
}
