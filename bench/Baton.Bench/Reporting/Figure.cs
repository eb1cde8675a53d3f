namespace Baton.Bench.Reporting;

/// <summary>One printed figure: what was measured, its value, and its target with the verdict if it has one.</summary>
internal sealed record Figure(string Label, string Value, string? Target = null, bool? Met = null)
{
    public string Verdict => Met switch
    {
        true => "PASS",
        false => "FAIL",
        null => string.Empty,
    };

    /// <summary>A figure that must not exceed its target.</summary>
    public static Figure AtMost(string label, double value, double target, Func<double, string> format) =>
        new(label, format(value), $"≤ {format(target)}", value <= target);

    /// <summary>A figure that must reach at least its target.</summary>
    public static Figure AtLeast(string label, double value, double target, Func<double, string> format) =>
        new(label, format(value), $"≥ {format(target)}", value >= target);
}
