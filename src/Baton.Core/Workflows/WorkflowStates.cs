namespace Baton.Core.Workflows;

/// <summary>Wire names and classification of <see cref="WorkflowState"/> values.</summary>
public static class WorkflowStates
{
    /// <summary>The wire name, for example <c>running</c>.</summary>
    public static string ToWire(this WorkflowState state) => state switch
    {
        WorkflowState.Draft => "draft",
        WorkflowState.Pending => "pending",
        WorkflowState.Running => "running",
        WorkflowState.InputRequired => "input_required",
        WorkflowState.Paused => "paused",
        WorkflowState.Completed => "completed",
        WorkflowState.Failed => "failed",
        _ => "cancelled",
    };

    /// <summary>Every wire name, in lifecycle order.</summary>
    public static IReadOnlyList<string> AllNames { get; } = Enum.GetValues<WorkflowState>().Select(s => s.ToWire()).ToArray();

    /// <summary>Parses a wire name; returns false for anything else.</summary>
    public static bool TryParse(string? name, out WorkflowState state)
    {
        foreach (var candidate in Enum.GetValues<WorkflowState>())
        {
            if (string.Equals(candidate.ToWire(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    /// <summary>True for completed, failed and cancelled.</summary>
    public static bool IsEnded(this WorkflowState state) =>
        state is WorkflowState.Completed or WorkflowState.Failed or WorkflowState.Cancelled;
}
