using Baton.Core.Storage;

namespace Baton.Storage.Contract;

/// <summary>
/// One fresh, migrated store as Core sees it: its ports, and what to dispose when the test ends (files, servers).
/// The worker registry comes last and may be left out by a store that does not have it yet: only the worker store
/// contract needs it, and fails saying so.
/// </summary>
public sealed class StoreUnderTest(
    ITaskStore tasks,
    IAttemptStore attempts,
    IWorkflowStore workflows,
    IEventStore events,
    INotificationStore notifications,
    IWebhookStore webhooks,
    ITokenStore tokens,
    Func<ValueTask> dispose,
    IWorkerStore? workers = null) : IAsyncDisposable
{
    public ITaskStore Tasks { get; } = tasks;

    public IAttemptStore Attempts { get; } = attempts;

    public IWorkflowStore Workflows { get; } = workflows;

    public IEventStore Events { get; } = events;

    public INotificationStore Notifications { get; } = notifications;

    public IWebhookStore Webhooks { get; } = webhooks;

    public ITokenStore Tokens { get; } = tokens;

    public IClusterLeaseStore Leases { get; init; } = null!;

    public IInteractionStore Interactions { get; init; } = null!;

    public IBrowserAccessStore Browser { get; init; } = null!;

    public IScheduleStore Schedules { get; init; } = null!;
    public IGaugeStore Gauges { get; init; } = null!;
    public IAlertStore Alerts { get; init; } = null!;

    public ICapsuleStore Capsules { get; init; } = null!;

    public ISessionStore Sessions { get; init; } = null!;
    public IInitiativeStore Initiatives { get; init; } = null!;

    public IWorkerStore Workers => workers ?? throw new NotSupportedException("this store has no worker registry (IWorkerStore) yet");

    public ValueTask DisposeAsync() => dispose();
}
