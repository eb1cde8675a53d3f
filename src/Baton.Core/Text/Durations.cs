namespace Baton.Core.Text;

/// <summary>How long something took, said short for a person: 4.2s, 3m07s, 2h05m.</summary>
public static class Durations
{
    /// <summary>The span in its largest useful unit.</summary>
    public static string Short(TimeSpan span) => span.TotalSeconds < 60
        ? $"{Math.Max(0, span.TotalSeconds):0.0}s"
        : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m{span.Seconds:00}s" : $"{(int)span.TotalHours}h{span.Minutes:00}m";
}
