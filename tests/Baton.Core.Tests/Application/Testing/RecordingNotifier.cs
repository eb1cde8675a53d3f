using Baton.Core.Application;

namespace Baton.Core.Tests.Application.Testing;

/// <summary>Records the work notifications a service sends, in order.</summary>
internal sealed class RecordingNotifier : IWorkNotifier
{
    public List<WorkChange> Changes { get; } = [];

    public Task NotifyAsync(WorkChange change, CancellationToken cancellationToken = default)
    {
        Changes.Add(change);
        return Task.CompletedTask;
    }
}
