namespace Baton.Core.Application.Views;

/// <summary>Where a task's agent session came from: the task whose session it took up, and how (continue or fork).</summary>
public sealed record SessionFromView(string TaskId, string Use);
