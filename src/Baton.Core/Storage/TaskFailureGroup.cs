namespace Baton.Core.Storage;

/// <summary>Failed or timed-out tasks in a window that ended with the same error text.</summary>
/// <param name="Status">failed or timed_out.</param>
/// <param name="Error">The task's error, as recorded; null if none was.</param>
/// <param name="Count">How many tasks.</param>
/// <param name="ExampleTaskId">The one of them that ended last.</param>
public sealed record TaskFailureGroup(string Status, string? Error, int Count, string ExampleTaskId);
