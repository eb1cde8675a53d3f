namespace Baton.Bench.Infrastructure;

/// <summary>
/// When one attempt reached each point, on the system clock: its process started (null for runners without a
/// process), its runner returned, and its end was committed to the store.
/// </summary>
internal sealed record AttemptTrace(string TaskId, DateTimeOffset? ProcessStarted, DateTimeOffset? AttemptEnded, DateTimeOffset Finished);
