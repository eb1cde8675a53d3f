using Baton.Core.Engine;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Webhooks;

/// <summary>
/// Works the webhook outbox in the daemon. It sleeps until the store changes (its <see cref="IChangeSignal"/>: an
/// event was logged, a delivery queued), the next due time, or the followers' fallback poll; then
/// claims what is due, a few deliveries at a time, and sends them in parallel. Claims are leases: a delivery whose
/// attempt never got recorded is due again when the lease ends, and at once when the daemon restarts.
/// </summary>
internal sealed partial class WebhookDispatcher(
    IWebhookStore store,
    IEventStore events,
    WebhookBodyRenderer renderer,
    WebhookSender sender,
    WebhookOptions options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>Deliveries in flight at once.</summary>
    public const int Parallelism = 4;

    private readonly SemaphoreSlim slots = new(Parallelism, Parallelism);
    // host:pid:ticks:place, so that a dispatcher started later on this machine can tell this one died.
    private readonly string worker = WorkerIdentity.ForCurrentProcess();
    private TaskCompletionSource slotFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ResetClaimsAsync(stoppingToken);
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Deliveries in flight keep their claims; the next start makes them due again.
        }
    }

    /// <summary>Makes deliveries claimed by a dispatcher that died due again; retried while the store refuses (full, locked).</summary>
    private async Task ResetClaimsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var reset = await store.ResetClaimsAsync(time.GetUtcNow(), ClaimerGone, cancellationToken);
                if (reset > 0)
                {
                    LogClaimsReset(reset);
                }

                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogOutboxFailed(ex);
                await Task.Delay(EventLogTiming.FallbackPoll, time, cancellationToken);
            }
        }
    }

    /// <summary>A claim mark (<c>host:pid:ticks:place#claim</c>) of a dispatcher on this machine whose process is gone.</summary>
    private static bool ClaimerGone(string claim) => WorkerIdentity.IsDeadOnThisHost(claim.Split('#')[0]);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var lease = options.Timeout + TimeSpan.FromMinutes(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            var freed = Volatile.Read(ref slotFreed).Task;
            // Taken before the outbox is read: a change after the read wakes the wait below.
            var change = events.Changes.Next();
            try
            {
                var now = time.GetUtcNow();
                var due = await store.NextDueAsync(cancellationToken);
                if (due <= now && slots.CurrentCount > 0)
                {
                    var claimed = await store.ClaimDueAsync(now, now + lease, worker, slots.CurrentCount, cancellationToken);
                    foreach (var delivery in claimed)
                    {
                        await slots.WaitAsync(cancellationToken);
                        _ = Task.Run(() => DeliverAsync(delivery, cancellationToken), CancellationToken.None);
                    }

                    if (claimed.Count > 0)
                    {
                        continue;
                    }
                }

                var fallback = EventLogTiming.FallbackPoll;
                wait = due is { } next && next > now && next - now < fallback ? next - now : fallback;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The store may be briefly locked by another process; deliveries wait in the outbox meanwhile.
                LogOutboxFailed(ex);
                await Task.Delay(EventLogTiming.FallbackPoll, time, cancellationToken);
                continue;
            }

            await ChangeWaits.WaitAsync(Task.WhenAny(change, freed), wait, time, cancellationToken);
            await Task.Delay(EventLogTiming.GatherDelay, time, cancellationToken);
        }
    }

    private async Task DeliverAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        using var activity = WebhookTelemetry.Source.StartActivity(WebhookTelemetry.DeliveryActivity);
        activity?.SetTag("baton.event.type", delivery.Event.Type);
        try
        {
            var body = delivery.Body ?? await renderer.RenderAsync(delivery.Event, delivery.SubscriptionId, cancellationToken);
            var at = time.GetUtcNow();
            var timestamp = at.ToUnixTimeSeconds();
            var signature = WebhookSignature.Header(delivery.Endpoint.SigningSecrets(at), delivery.Id, timestamp, body);
            var started = time.GetTimestamp();
            var result = await sender.SendAsync(new Uri(delivery.Endpoint.Url), delivery.Id, timestamp, signature, body, cancellationToken);
            var outcome = DeliveryOutcome.Decide(result, delivery.Attempts + 1, options.Schedule, time.GetUtcNow());
            await store.RecordAttemptAsync(new DeliveryAttempt(delivery.Seq, at, result, time.GetElapsedTime(started), body, outcome), cancellationToken);
            activity?.SetTag(WebhookTelemetry.OutcomeTag, WebhookTelemetry.ToWire(outcome.Verdict));
            LogAttempt(delivery.Id, delivery.Event.Type, delivery.Attempts + 1, result.StatusCode, outcome.Verdict);
            if (outcome.Verdict != DeliveryVerdict.Delivered)
            {
                LogAttemptFailed(delivery.Id, delivery.Endpoint.Id, outcome.Verdict, outcome.Error);
            }

            LogBody(delivery.Id, body);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the claim stays, and the next start makes the delivery due again.
        }
        catch (Exception ex)
        {
            // Not recorded: the lease runs out and the delivery is tried again.
            activity?.SetTag(WebhookTelemetry.OutcomeTag, "error");
            LogDeliveryCrashed(ex, delivery.Id);
        }
        finally
        {
            slots.Release();
            Interlocked.Exchange(ref slotFreed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    public override void Dispose()
    {
        slots.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} webhook deliveries claimed before the last shutdown are due again")]
    private partial void LogClaimsReset(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the webhook outbox failed; trying again")]
    private partial void LogOutboxFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook delivery {DeliveryId} ({EventType}) attempt {Attempt}: status {StatusCode}, {Verdict}")]
    private partial void LogAttempt(string deliveryId, string eventType, int attempt, int? statusCode, DeliveryVerdict verdict);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} to endpoint {EndpointId} failed ({Verdict}): {Error}")]
    private partial void LogAttemptFailed(string deliveryId, string endpointId, DeliveryVerdict verdict, string? error);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Webhook delivery {DeliveryId} body: {Body}")]
    private partial void LogBody(string deliveryId, string body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} could not be attempted; it is tried again when its claim runs out")]
    private partial void LogDeliveryCrashed(Exception exception, string deliveryId);
}
