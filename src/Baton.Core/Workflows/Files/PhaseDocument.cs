namespace Baton.Core.Workflows.Files;

/// <summary>A phase of a workflow file.</summary>
/// <param name="Id">The phase id, unique within the workflow (e.g. <c>design</c>).</param>
/// <param name="Name">A human-readable name; null to show the id.</param>
/// <param name="DependsOn">Ids of the phases that must complete before this one starts.</param>
/// <param name="Tasks">Its tasks, in file order.</param>
/// <param name="RequiresApproval">True to gate the phase: it waits for a person's approval once its dependencies completed.</param>
public sealed record PhaseDocument(string Id, string? Name, IReadOnlyList<string> DependsOn, IReadOnlyList<TaskDocument> Tasks, bool RequiresApproval = false);
