namespace Baton.Core.Schedules;

/// <summary>
/// The workflow a schedule launches at each occurrence. The file's text is kept, not its path: the file may change,
/// or be absent on the node that fires, and every occurrence should run what was checked when the schedule was added.
/// </summary>
public sealed record ScheduleWorkflow
{
    /// <summary>The workflow file's YAML text (see <c>examples/workflows/</c>).</summary>
    public string Source { get; init; } = "";

    /// <summary>Values for <c>{{vars.NAME}}</c>, as <c>--var</c> gives them; they win over the file's <c>vars:</c>.</summary>
    public IReadOnlyDictionary<string, string>? Vars { get; init; }

    /// <summary>How messages name the file, such as <c>nightly.yaml</c>; null for <c>workflow</c>.</summary>
    public string? SourceName { get; init; }

    /// <summary>The absolute directory the file's tasks work in unless they say otherwise; agents are looked up from it too.</summary>
    public string? WorkingDirectory { get; init; }
}
