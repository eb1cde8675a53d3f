namespace Baton.Core.Initiatives;

/// <summary>An initiative and where it stands.</summary>
/// <param name="Initiative">The stored initiative.</param>
/// <param name="Status">draft until started; then its workflow's status (running, completed, failed, cancelled, ...).</param>
/// <param name="Streams">Each stream's progress, in definition order.</param>
public sealed record InitiativeStatus(InitiativeRecord Initiative, string Status, IReadOnlyList<StreamProgress> Streams)
{
    /// <summary>The status of an initiative that has not started.</summary>
    public const string Draft = "draft";

    /// <summary>Whether it ran and ended (or never ran): only then may it be archived.</summary>
    public bool CanArchive { get; init; }
}
