namespace Baton.Core.Workflows;

/// <summary>What a workflow does when one of its tasks fails for good (retries used up, timed out or cancelled).</summary>
public enum FailurePolicy
{
    /// <summary>The default: tasks that have not started are cancelled and the workflow fails at once.</summary>
    FailFast,
    /// <summary>Independent branches go on; only the failed task's dependents are cancelled, with the reason recorded.</summary>
    Continue,
}

/// <summary>Wire names of <see cref="FailurePolicy"/> values.</summary>
public static class FailurePolicies
{
    /// <summary>Every wire name.</summary>
    public static IReadOnlyList<string> AllNames { get; } = ["fail_fast", "continue"];

    /// <summary>The wire name: <c>fail_fast</c> or <c>continue</c>.</summary>
    public static string ToWire(this FailurePolicy policy) => policy == FailurePolicy.Continue ? "continue" : "fail_fast";

    /// <summary>Parses a wire name (a dash works for the underscore); returns false for anything else.</summary>
    public static bool TryParse(string? name, out FailurePolicy policy)
    {
        switch (name?.Trim().Replace('-', '_').ToLowerInvariant())
        {
            case "fail_fast":
                policy = FailurePolicy.FailFast;
                return true;
            case "continue":
                policy = FailurePolicy.Continue;
                return true;
            default:
                policy = default;
                return false;
        }
    }
}
