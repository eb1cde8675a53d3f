using Baton.Core.Interactions;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>What <see cref="TaskService.InterveneAsync"/> did with a person's message.</summary>
public enum InterventionOutcome
{
    /// <summary>The task runs: the message waits for its worker, which delivers it into the session now.</summary>
    Sent,
    /// <summary>The task had ended: it is queued again to continue its session with the message.</summary>
    Continued,
    /// <summary>The task was paused: it is resumed with the message.</summary>
    Resumed,
}

/// <summary>The result of an intervention: what happened, the task as it is now, and the stored message when sent.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Task">The task now.</param>
/// <param name="Message">The stored message, for <see cref="InterventionOutcome.Sent"/>.</param>
public sealed record TaskIntervention(InterventionOutcome Outcome, TaskRecord Task, SteeringMessage? Message = null);
