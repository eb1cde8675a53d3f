namespace Baton.Core.Interactions;

/// <summary>An interaction as stored: what was asked, of which task or phase, and how it was answered.</summary>
public sealed record InteractionRecord
{
    /// <summary>The id, <c>in_</c> followed by 12 characters (see <see cref="InteractionIds"/>).</summary>
    public required string Id { get; init; }

    /// <summary>What was asked.</summary>
    public required InteractionAsk Ask { get; init; }

    /// <summary>Where it is in its life.</summary>
    public required InteractionStatus Status { get; init; }

    /// <summary>The task that waits (every kind but phase gates).</summary>
    public string? TaskId { get; init; }

    /// <summary>The attempt that asked; an attempt that resumes the task after a crash takes the interaction over.</summary>
    public int? AttemptNumber { get; init; }

    /// <summary>The workflow of the task or phase.</summary>
    public string? WorkflowId { get; init; }

    /// <summary>The phase of a phase gate (or of the task).</summary>
    public string? PhaseId { get; init; }

    /// <summary>
    /// Identifies the same request across a restart: a resumed session that asks again for the same thing gets the
    /// stored answer (see <see cref="InteractionFingerprint"/>).
    /// </summary>
    public required string Fingerprint { get; init; }

    /// <summary>When it was opened.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The decision, once answered (or expired by policy).</summary>
    public InteractionResponse? Response { get; init; }

    /// <summary>When it was answered, withdrawn or expired.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Why it was withdrawn or expired.</summary>
    public string? CloseReason { get; init; }

    /// <summary>When the answer reached the agent's process; null while it waits for delivery.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>When people were last reminded of it, if ever.</summary>
    public DateTimeOffset? RemindedAt { get; init; }
}
