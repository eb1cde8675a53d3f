namespace Baton.Core.Stats;

/// <summary>One kind of failure in a window: how many tasks, and the latest of the largest error group as an example.</summary>
/// <param name="Kind">The kind (see <see cref="FailureKinds"/>).</param>
/// <param name="Count">Failed or timed-out tasks of this kind.</param>
/// <param name="ExampleTaskId">A task that failed this way.</param>
/// <param name="ExampleError">Its error, shortened to one line.</param>
public sealed record FailureMode(string Kind, int Count, string ExampleTaskId, string? ExampleError);
