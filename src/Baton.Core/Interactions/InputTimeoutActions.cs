namespace Baton.Core.Interactions;

/// <summary>Wire names of <see cref="InputTimeoutAction"/> values, as <c>on_input_timeout</c> takes them.</summary>
public static class InputTimeoutActions
{
    /// <summary>Every wire name.</summary>
    public static IReadOnlyList<string> AllNames { get; } = ["deny", "fail", "pause"];

    /// <summary>The wire name, for example <c>deny</c>.</summary>
    public static string ToWire(this InputTimeoutAction action) => action switch
    {
        InputTimeoutAction.Fail => "fail",
        InputTimeoutAction.Pause => "pause",
        _ => "deny",
    };

    /// <summary>Parses a wire name; false for anything else.</summary>
    public static bool TryParse(string? name, out InputTimeoutAction action)
    {
        action = name?.Trim().ToLowerInvariant() switch
        {
            "deny" => InputTimeoutAction.Deny,
            "fail" => InputTimeoutAction.Fail,
            "pause" => InputTimeoutAction.Pause,
            _ => (InputTimeoutAction)(-1),
        };
        return Enum.IsDefined(action);
    }
}
