using Baton.Core.Webhooks;
using Baton.Storage.Sqlite.Tests.Testing;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite.Tests.Webhooks;

/// <summary>Subscriptions to add and events to log straight into the table (the triggers fan them out as for any event).</summary>
internal static class WebhookStoreSteps
{
    public static Task<AddedWebhook> SubscribeAsync(
        this SqliteWebhookStore store, string url = "http://127.0.0.1:9/hook", IReadOnlyList<string>? events = null, string? workflowId = null, string? taskId = null) =>
        store.AddAsync(new NewWebhook(
            WebhookIds.NewSubscription(), url, WebhookIds.NewEndpoint(), WebhookSecret.Generate(), events, workflowId, taskId, TestTasks.Now, "test"));

    public static async Task LogAsync(this TestDatabase database, string type, string? taskId = null, string? workflowId = null)
    {
        await using var connection = new SqliteConnection($"Data Source={database.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO events (type, at, task_id, workflow_id) VALUES ($type, $at, $task, $workflow)";
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$at", TestTasks.Now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$task", (object?)taskId ?? DBNull.Value);
        command.Parameters.AddWithValue("$workflow", (object?)workflowId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<IReadOnlyList<WebhookDelivery>> AllAsync(this SqliteWebhookStore store) =>
        [.. (await store.ListDeliveriesAsync(new DeliveryQuery(Limit: 1000))).Reverse()];
}
