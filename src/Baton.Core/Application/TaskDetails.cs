using Baton.Core.Attempts;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>A task with its attempts.</summary>
public sealed record TaskDetails(TaskRecord Task, IReadOnlyList<AttemptRecord> Attempts);
