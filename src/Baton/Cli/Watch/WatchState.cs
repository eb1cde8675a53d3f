using Baton.Core.Application.Views;
using Baton.Core.Events;
using Baton.Core.Tasks;

namespace Baton.Cli.Watch;

/// <summary>One frame of <c>baton watch</c>: the workflows shown, running tasks outside workflows, the latest events.</summary>
internal sealed record WatchState(
    IReadOnlyList<WorkflowView> Workflows, IReadOnlyList<TaskRecord> Tasks, IReadOnlyList<EventRecord> Recent, string Footer);
