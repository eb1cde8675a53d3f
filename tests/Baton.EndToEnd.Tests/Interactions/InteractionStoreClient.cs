using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.EndToEnd.Tests.Harness;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.EndToEnd.Tests.Interactions;

/// <summary>
/// The daemon's own SQLite database, opened through the real store. A test opens an interaction on a running command
/// task with the same store write an agent's ask makes (<see cref="IInteractionStore.OpenAsync"/>), so that the front
/// ends can answer it without an agent.
/// </summary>
internal sealed class InteractionStoreClient : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private InteractionStoreClient(ServiceProvider services) => this.services = services;

    public IInteractionStore Interactions => services.GetRequiredService<IInteractionStore>();

    public ITaskStore Tasks => services.GetRequiredService<ITaskStore>();

    public IEventStore Events => services.GetRequiredService<IEventStore>();

    public static async Task<InteractionStoreClient> OpenAsync(string databasePath)
    {
        var services = new ServiceCollection().AddBatonSqliteStore(new StoreOptions { Location = databasePath }).BuildServiceProvider();
        await services.GetRequiredService<IStoreMigrator>().MigrateAsync();
        return new InteractionStoreClient(services);
    }

    /// <summary>A tool approval, as Claude's runner reads one.</summary>
    public static InteractionAsk Approval(string command = "rm -rf build") => new()
    {
        Kind = InteractionKind.ToolApproval,
        Summary = $"Bash: {command}",
        ToolName = "Bash",
        Input = $$"""{"command": "{{command}}"}""",
    };

    /// <summary>A question with two options.</summary>
    public static InteractionAsk Question() => new()
    {
        Kind = InteractionKind.Question,
        Summary = "Which database?",
        Questions = [new InteractionQuestion("Which database?", "DB", [new InteractionOption("PostgreSQL", "the server"), new InteractionOption("SQLite")])],
    };

    /// <summary>Waits until the task runs, then opens <paramref name="ask"/> for its running attempt; the task shows input_required.</summary>
    public async Task<InteractionRecord> OpenOnRunningAsync(string taskId, InteractionAsk ask)
    {
        var attempt = await Eventually.Until(
            async () =>
            {
                var attempts = await Tasks.GetAttemptsAsync(taskId);
                return attempts.LastOrDefault(a => a.Status == AttemptState.Running);
            },
            TimeSpan.FromSeconds(30),
            $"task {taskId} to run");
        var opened = await Interactions.OpenAsync(attempt.Key, attempt.WorkerId, ask, InteractionFingerprint.Of(ask), TimeProvider.System.GetUtcNow());
        Assert.NotNull(opened);
        return opened;
    }

    /// <summary>The types of the task's events, oldest first.</summary>
    public async Task<IReadOnlyList<EventRecord>> EventsOfAsync(string taskId) =>
        await Events.ReadAsync(new EventQuery(0, new EventFilter(TaskId: taskId)));

    public async ValueTask DisposeAsync() => await services.DisposeAsync();
}
