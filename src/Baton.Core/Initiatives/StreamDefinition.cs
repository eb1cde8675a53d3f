using Baton.Core.Tasks;

namespace Baton.Core.Initiatives;

/// <summary>One stream of an initiative: its tasks run one after another, in the stream's worktree.</summary>
/// <param name="Id">Unique in the initiative; a git branch name component (<c>api</c>, <c>stream-b</c>).</param>
/// <param name="Name">What people call it.</param>
/// <param name="Phase">When it runs.</param>
/// <param name="DependsOn">Streams that must complete first (beyond what its phase implies).</param>
/// <param name="Tasks">Its tasks in order, as queued; the working directory and worktree are set when the initiative runs.</param>
public sealed record StreamDefinition(string Id, string Name, StreamPhase Phase, IReadOnlyList<string> DependsOn, IReadOnlyList<TaskDefinition> Tasks);
