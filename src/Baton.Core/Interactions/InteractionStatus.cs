namespace Baton.Core.Interactions;

/// <summary>Where an interaction is in its life. Wire names: see <see cref="InteractionStatuses"/>.</summary>
public enum InteractionStatus
{
    /// <summary>Waits for a person.</summary>
    Open,
    /// <summary>A person (or the input-timeout policy) answered; the answer is stored, and delivered once DeliveredAt is set.</summary>
    Answered,
    /// <summary>The agent no longer waits (it withdrew the request, or its task ended); it cannot be answered.</summary>
    Withdrawn,
    /// <summary>Nobody answered within the input timeout, and the policy was applied.</summary>
    Expired,
}
