using Baton.Core.Events;
using Baton.Core.Webhooks;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Webhooks;

/// <summary>Subscriptions to add and events to log through the outbox (which fans them out as for any event).</summary>
internal static class WebhookStoreSteps
{
    public static Task<AddedWebhook> SubscribeAsync(
        this SqliteWebhookStore store, string url = "http://127.0.0.1:9/hook", IReadOnlyList<string>? events = null, string? workflowId = null, string? taskId = null) =>
        store.AddAsync(new NewWebhook(
            WebhookIds.NewSubscription(), url, WebhookIds.NewEndpoint(), WebhookSecret.Generate(), events, workflowId, taskId, TestTasks.Now, "test"));

    /// <summary>Appends an event through the store's outbox, as any change does.</summary>
    public static async Task LogAsync(this TestDatabase database, string type, string? taskId = null, string? workflowId = null)
    {
        await using var sqlite = new SqliteDatabase(database.Options);
        await sqlite.WriteAsync(
            async session => await session.Events.AppendAsync(new EventDraft(type, TestTasks.Now, taskId, workflowId)),
            CancellationToken.None);
    }

    public static async Task<IReadOnlyList<WebhookDelivery>> AllAsync(this SqliteWebhookStore store) =>
        [.. (await store.ListDeliveriesAsync(new DeliveryQuery(Limit: 1000))).Reverse()];
}
