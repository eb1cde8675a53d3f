namespace Baton.Core.Interactions;

/// <summary>A person's decision on an interaction. Wire names: <c>approve</c>, <c>deny</c>, <c>answer</c>.</summary>
public enum InteractionDecision
{
    /// <summary>Let the tool run, the plan be carried out, the phase start.</summary>
    Approve,
    /// <summary>Refuse, with a message the agent sees.</summary>
    Deny,
    /// <summary>Answer a question.</summary>
    Answer,
}
