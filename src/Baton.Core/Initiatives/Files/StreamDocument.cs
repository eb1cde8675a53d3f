using Baton.Core.Workflows.Files;

namespace Baton.Core.Initiatives.Files;

/// <summary>A stream of an initiative file.</summary>
/// <param name="Id">The stream's id.</param>
/// <param name="Name">What people call it (its id when the file gives no name).</param>
/// <param name="Phase">When it runs.</param>
/// <param name="DependsOn">Ids of the streams it waits for.</param>
/// <param name="Tasks">Its tasks in order.</param>
/// <param name="Location">Where it is written: <c>plan.yaml:12</c>.</param>
public sealed record StreamDocument(string Id, string Name, StreamPhase Phase, IReadOnlyList<string> DependsOn, IReadOnlyList<TaskDocument> Tasks, string Location)
{
    /// <summary>What the initiative's rules look at.</summary>
    public StreamOutline Outline => new(Id, Phase, DependsOn, Tasks.Count, Location);
}
