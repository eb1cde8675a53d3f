namespace Baton.Core.Schedules;

/// <summary>What an occurrence does when the schedule's previous run is still going.</summary>
public enum OverlapPolicy
{
    /// <summary>It is skipped, and recorded as skipped with the reason.</summary>
    Skip,

    /// <summary>One occurrence waits and starts as soon as the previous run ends; more are skipped.</summary>
    BufferOne,

    /// <summary>It starts beside the previous run.</summary>
    AllowAll,

    /// <summary>The previous run is cancelled and this one starts.</summary>
    CancelOther,
}
