using System.Text;
using System.Text.Json;
using Baton.Core.Interactions;
using Baton.Core.Notifications;
using Baton.Core.Tasks;

namespace Baton.Core.Events;

/// <summary>
/// The events of people in the loop: an interaction raised (opened, taken over, or reminded of), answered, and a task
/// paused. Every store appends what these return in the transaction of the change, like <see cref="EventRules"/>.
/// </summary>
public static class InteractionEvents
{
    /// <summary>
    /// An interaction waits for a person: <c>task.input_required</c> (or <c>phase.input_required</c> for a phase gate)
    /// with its summary as the message, a notification for the owner, and its id, kind and summary as data.
    /// </summary>
    /// <param name="interaction">The open interaction.</param>
    /// <param name="oldStatus">The task's status before (running, or input_required when another one is open); null for a gate.</param>
    /// <param name="owner">Who the task or workflow belongs to.</param>
    /// <param name="reminder">True when people are reminded of one that has waited.</param>
    /// <param name="at">When.</param>
    public static EventDraft Raised(InteractionRecord interaction, TaskState? oldStatus, string? owner, bool reminder, DateTimeOffset at)
    {
        var data = Json(writer =>
        {
            writer.WriteString("interaction_id", interaction.Id);
            writer.WriteString("kind", interaction.Ask.Kind.ToWire());
            writer.WriteString("summary", interaction.Ask.Summary);
            writer.WriteBoolean("reminder", reminder);
        });
        var gate = interaction.TaskId is null;
        return new EventDraft(
            gate ? EventTypes.PhaseInputRequired : EventTypes.TaskInputRequired, at, interaction.TaskId, interaction.WorkflowId, interaction.PhaseId,
            interaction.AttemptNumber, gate ? null : TaskState.InputRequired.ToWire(), oldStatus?.ToWire(),
            reminder ? "still waiting: " + interaction.Ask.Summary : interaction.Ask.Summary, owner, NotificationKinds.InputRequired, data);
    }

    /// <summary>
    /// An interaction was answered (by a person, or by the input-timeout policy): <c>interaction.answered</c> with who
    /// decided what as the message and as data (the real decision, "remember" included), for the audit trail.
    /// </summary>
    /// <param name="interaction">The interaction as answered (its response set).</param>
    /// <param name="taskStatus">The task's status now; null for a gate.</param>
    /// <param name="oldStatus">The task's status before, when the answer moved it.</param>
    /// <param name="owner">Who the task or workflow belongs to.</param>
    /// <param name="at">When.</param>
    public static EventDraft Answered(InteractionRecord interaction, TaskState? taskStatus, TaskState? oldStatus, string? owner, DateTimeOffset at)
    {
        var response = interaction.Response ?? throw new ArgumentException("the interaction has no response", nameof(interaction));
        var data = Json(writer =>
        {
            writer.WriteString("interaction_id", interaction.Id);
            writer.WriteString("kind", interaction.Ask.Kind.ToWire());
            writer.WriteString("decision", response.Decision.ToWire());
            writer.WriteString("responded_by", response.RespondedBy);
            writer.WriteBoolean("remember", response.Remember);
            if (response.Message is { } message)
            {
                writer.WriteString("message", message);
            }

            if (response.Answers.Count > 0)
            {
                writer.WriteStartObject("answers");
                foreach (var (question, answer) in response.Answers)
                {
                    writer.WriteString(question, answer);
                }

                writer.WriteEndObject();
            }
        });
        return new EventDraft(
            EventTypes.InteractionAnswered, at, interaction.TaskId, interaction.WorkflowId, interaction.PhaseId, interaction.AttemptNumber,
            taskStatus?.ToWire(), oldStatus?.ToWire(), Describe(response), owner, Data: data);
    }

    /// <summary><c>task.paused</c> with the reason a person gave as its message.</summary>
    public static EventDraft? Paused(TaskChange change, string? reason) =>
        EventRules.ForTask(change) is { } draft ? draft with { Message = reason } : null;

    /// <summary>One line on a decision, for example <c>approved by alice (always): go ahead</c>.</summary>
    public static string Describe(InteractionResponse response)
    {
        var text = new StringBuilder(response.Decision switch
        {
            InteractionDecision.Approve => "approved",
            InteractionDecision.Deny => "denied",
            _ => "answered",
        });
        text.Append(" by ").Append(response.RespondedBy);
        if (response.Remember)
        {
            text.Append(" (always)");
        }

        var said = response.Message ?? (response.Answers.Count > 0 ? string.Join("; ", response.Answers.Values) : null);
        if (said is not null)
        {
            text.Append(": ").Append(said);
        }

        return text.ToString();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
