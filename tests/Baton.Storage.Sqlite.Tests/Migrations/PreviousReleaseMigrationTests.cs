using Baton.Core.Storage;
using Baton.Core.Events;
using Baton.Core.Notifications;
using Baton.Core.Tests.Testing;
using Baton.Core.Webhooks;
using Baton.Storage.Sqlite.Tests.Testing;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite.Tests.Migrations;

/// <summary>
/// A database written by the release whose triggers and view held the event rules (TestData/README.md says how it was
/// made) migrates forward with every event, notification (read state too) and delivery, and logs as before.
/// </summary>
public sealed class PreviousReleaseMigrationTests : IDisposable
{
    private static readonly NotificationAudience Root = NotificationAudience.For("cli:root", "root");
    private readonly TempDirectory directory = new();
    private readonly SqliteStoreOptions options;

    public PreviousReleaseMigrationTests()
    {
        options = new SqliteStoreOptions { DatabasePath = directory.File("baton.db") };
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "schema-0006.db"), options.DatabasePath);
    }

    [Fact]
    public async Task MigrateAsync_PreviousRelease_DropsEveryTriggerAndViewKeepingEventsNotificationsAndDeliveries()
    {
        var events = await RowsAsync("SELECT id, type, at, task_id, workflow_id, phase_id, attempt, status, old_status, message FROM events ORDER BY id");
        var notifications = await RowsAsync("SELECT id, owner, type, workflow_id, task_id, message, created_at, delivered_at FROM notifications ORDER BY id DESC");
        var deliveries = await RowsAsync("SELECT id, event_id, subscription_id, status FROM webhook_deliveries ORDER BY seq");

        await new SqliteStoreMigrator(options).MigrateAsync();
        await using var tasks = new SqliteTaskStore(options);
        await using var eventStore = new SqliteEventStore(options);
        await using var notificationStore = new SqliteNotificationStore(options);
        await using var webhooks = new SqliteWebhookStore(options);

        // The old release's triggers and views wrote events; only the statistics roll-ups, which keep figures, are triggers now.
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE type IN ('trigger', 'view') AND name NOT LIKE 'tr_task_rollups_%'"));
        var read = await eventStore.ReadAsync(new EventQuery(0, EventFilter.All, 1000));
        Assert.Equal(28, read.Count);
        Assert.Equal(events, read.Select(e => Row(e.Id, e.Type, e.At.ToUnixTimeMilliseconds(), e.TaskId, e.WorkflowId, e.PhaseId, e.Attempt is { } n ? (long)n : null, e.Status, e.OldStatus, e.Message)).ToList());
        var taken = await notificationStore.TakeAsync(new NotificationQuery(Root, null, UnreadOnly: false, Limit: 100, MarkDelivered: false), TestTasks.Now);
        Assert.Equal(15, taken.Count);
        Assert.Equal(notifications, taken.Select(n => Row(n.Id, n.Owner, n.Type, n.WorkflowId, n.TaskId, n.Message, n.CreatedAt.ToUnixTimeMilliseconds(), n.DeliveredAt?.ToUnixTimeMilliseconds())).ToList());
        Assert.Equal(2, taken.Count(n => n.DeliveredAt is null));
        Assert.Contains(taken, n => n.Message == "Task \"later\" (sgetb4e5k3sh) was cancelled: cancelled before it ran");
        var listed = (await webhooks.ListDeliveriesAsync(new DeliveryQuery(Limit: 1000))).Reverse().ToList();
        Assert.Equal(30, listed.Count);
        Assert.Equal(deliveries, listed.Select(d => Row(d.Id, d.EventId, d.SubscriptionId, d.Status)).ToList());
    }

    [Fact]
    public async Task MigrateAsync_PreviousRelease_NewChangesLogTheSameEventsAsBefore()
    {
        await new SqliteStoreMigrator(options).MigrateAsync();
        await using var tasks = new SqliteTaskStore(options);
        await using var attempts = new SqliteAttemptStore(options);
        await using var eventStore = new SqliteEventStore(options);
        await using var notificationStore = new SqliteNotificationStore(options);
        await using var webhooks = new SqliteWebhookStore(options);

        var queued = await tasks.EnqueueAsync("newtask00001", TestTasks.Definition("again") with { CreatedBy = "cli:root" }, TestTasks.Now);
        var claim = await attempts.ClaimNextAsync(TestTasks.Worker, TestTasks.Now, TestTasks.LeaseUntil);
        await attempts.FinishAsync(StoreSteps.Finish(claim!, Core.Attempts.AttemptState.Completed, Core.Tasks.TaskState.Completed));

        var logged = await eventStore.ReadAsync(new EventQuery(28, EventFilter.All));
        Assert.Equal(["task.created", "task.started", "task.completed"], logged.Select(e => e.Type));
        Assert.Equal([29L, 30L, 31L], logged.Select(e => e.Id));
        Assert.Equal(["pending", "running", "completed"], logged.Select(e => e.Status));
        Assert.Equal([null, "pending", "running"], logged.Select(e => e.OldStatus));
        var newest = (await notificationStore.TakeAsync(new NotificationQuery(Root, null, UnreadOnly: true, Limit: 100, MarkDelivered: true), TestTasks.Now))[0];
        Assert.Equal(("task_complete", "Task \"again\" (newtask00001) completed"), (newest.Type, newest.Message));
        // The standing subscription (every type) hears all three; the other one is greet's own.
        var fresh = (await webhooks.ListDeliveriesAsync(new DeliveryQuery(Limit: 1000))).Where(d => d.EventId > 28).ToList();
        Assert.Equal(3, fresh.Count);
        Assert.All(fresh, d => Assert.Equal("wh_856b7e3592399d5b", d.SubscriptionId));
        Assert.All(fresh, d => Assert.Matches("^msg_[0-9a-f]{24}$", d.Id));
        Assert.Equal(queued.Task.Id, claim!.Task.Id);
    }

    private static object?[] Row(params object?[] values) => values;

    private async Task<List<object?[]>> RowsAsync(string sql)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = options.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }
}
