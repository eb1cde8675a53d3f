using Baton.Core.Tests.Testing;
using Baton.Core.Webhooks;
using Baton.Storage.Sqlite;
using Baton.Webhooks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Tests.Webhooks;

/// <summary>A real store in a temp directory and a running <see cref="WebhookDispatcher"/> over it, with a short schedule.</summary>
internal sealed class DispatcherHarness : IAsyncDisposable
{
    private readonly TempDirectory directory;
    private readonly WebhookDispatcher dispatcher;
    private readonly WebhookSender sender;

    private DispatcherHarness(TempDirectory directory, SqliteStoreOptions options, WebhookOptions webhookOptions, IHostResolver resolver)
    {
        this.directory = directory;
        Options = options;
        Store = new SqliteWebhookStore(options);
        Service = new WebhookService(Store, webhookOptions, TimeProvider.System);
        sender = new WebhookSender(resolver, webhookOptions, TimeProvider.System);
        var renderer = new WebhookBodyRenderer(new SqliteTaskStore(options), new SqliteWorkflowStore(options));
        dispatcher = new WebhookDispatcher(Store, new SqliteEventStore(options), renderer, sender, webhookOptions, TimeProvider.System, NullLogger<WebhookDispatcher>.Instance);
    }

    /// <summary>Three attempts 200 ms apart, 3 s each (a cold first connection on a busy machine takes a while).</summary>
    public static WebhookOptions ShortSchedule { get; } = new()
    {
        Schedule = new RetrySchedule([TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)]),
        Timeout = TimeSpan.FromSeconds(3),
    };

    public SqliteStoreOptions Options { get; }

    public SqliteWebhookStore Store { get; }

    public WebhookService Service { get; }

    public static async Task<DispatcherHarness> StartAsync(WebhookOptions? options = null, IHostResolver? resolver = null)
    {
        var directory = new TempDirectory();
        var storeOptions = new SqliteStoreOptions { DatabasePath = directory.File("baton.db") };
        await new SqliteStoreMigrator(storeOptions).MigrateAsync();
        var harness = new DispatcherHarness(directory, storeOptions, options ?? ShortSchedule, resolver ?? new DnsHostResolver());
        await harness.dispatcher.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Logs an event and queues it for every subscription of an enabled endpoint, as the store's outbox does for one that matches.</summary>
    public async Task LogAsync(string type, string taskId = "t1")
    {
        var at = TimeProvider.System.GetUtcNow();
        await using var connection = new SqliteConnection($"Data Source={Options.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            INSERT INTO events (type, at, task_id, status) VALUES ($type, $at, $task, 'completed');
            INSERT INTO webhook_deliveries (id, event_id, subscription_id, endpoint_id, status, next_attempt_at, created_at)
            SELECT 'msg_test' || lower(hex(randomblob(10))), last_insert_rowid(), s.id, s.endpoint_id, 'pending', $at, $at
            FROM webhook_subscriptions s JOIN webhook_endpoints p ON p.id = s.endpoint_id WHERE p.disabled_at IS NULL;
            """;
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$task", taskId);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<WebhookDelivery> OnlyDeliveryAsync() => Assert.Single(await Store.ListDeliveriesAsync(new DeliveryQuery()));

    /// <summary>Waits until the one delivery satisfies <paramref name="condition"/>.</summary>
    public async Task<WebhookDelivery> WaitForAsync(Func<WebhookDelivery, bool> condition, string what)
    {
        WebhookDelivery? last = null;
        await Poll.UntilAsync(
            () =>
            {
                last = Store.ListDeliveriesAsync(new DeliveryQuery()).GetAwaiter().GetResult().FirstOrDefault();
                return last is not null && condition(last);
            },
            TimeSpan.FromSeconds(15),
            $"{what} (last seen: {Describe(last)})");
        return last!;
    }

    private static string Describe(WebhookDelivery? delivery) =>
        delivery is null ? "no delivery" : $"{delivery.Status}, {delivery.Attempts} attempts, last {delivery.LastStatusCode} {delivery.LastError}";

    public async ValueTask DisposeAsync()
    {
        await dispatcher.StopAsync(CancellationToken.None);
        dispatcher.Dispose();
        sender.Dispose();
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }
}
