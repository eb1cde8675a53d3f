using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Baton.Core.Webhooks;

namespace Baton.Tests.Webhooks;

public sealed class WebhookDispatcherTests
{
    [Fact]
    public async Task Deliver_ReceiverFailsThenSucceeds_SameIdAndBodySignedOnBothAttempts()
    {
        await using var receiver = (await ScriptedReceiver.StartAsync()).Then(500);
        await using var harness = await DispatcherHarness.StartAsync();
        var added = await harness.Service.AddAsync(receiver.Url, null, null, "test");

        await harness.LogAsync("task.completed");

        var delivery = await harness.WaitForAsync(d => d.Status == "delivered", "the delivery to succeed on its second attempt");
        Assert.Equal((2, 200), (delivery.Attempts, delivery.LastStatusCode));
        var requests = receiver.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal(delivery.Id, r.Id));
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.All(requests, r => Assert.Equal(WebhookSignature.Sign(added.NewSecret!, r.Id, long.Parse(r.Timestamp, System.Globalization.CultureInfo.InvariantCulture), r.Body), r.Signature));
        Assert.All(requests, r => Assert.Equal(("application/json", "Baton"), (r.ContentType, r.UserAgent)));
        using var body = JsonDocument.Parse(requests[0].Body);
        Assert.Equal("task.completed", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("completed", body.RootElement.GetProperty("event").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Deliver_ReceiverTooSlow_TimeoutRecordedThenRetried()
    {
        await using var receiver = (await ScriptedReceiver.StartAsync()).Then(200, delay: TimeSpan.FromSeconds(10));
        await using var harness = await DispatcherHarness.StartAsync();
        await harness.Service.AddAsync(receiver.Url, null, null, "test");

        await harness.LogAsync("task.completed");

        var delivery = await harness.WaitForAsync(d => d.Status == "delivered", "the retry after a timeout");
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal(delivery.Id, r.Id));
    }

    [Fact]
    public async Task Deliver_429WithRetryAfter_NextAttemptWaitsForIt()
    {
        await using var receiver = (await ScriptedReceiver.StartAsync()).Then(429, retryAfter: "1");
        await using var harness = await DispatcherHarness.StartAsync();
        await harness.Service.AddAsync(receiver.Url, null, null, "test");

        await harness.LogAsync("task.completed");

        await harness.WaitForAsync(d => d.Status == "delivered", "the attempt after Retry-After");
        var requests = receiver.Requests.ToArray();
        Assert.True(Stopwatch.GetElapsedTime(requests[0].At, requests[1].At) >= TimeSpan.FromMilliseconds(950), "the schedule's 200 ms must yield to Retry-After: 1");
    }

    [Fact]
    public async Task Deliver_410Gone_EndpointDisabledAndLaterEventsNotQueued()
    {
        await using var receiver = (await ScriptedReceiver.StartAsync()).Then(410);
        await using var harness = await DispatcherHarness.StartAsync();
        var added = await harness.Service.AddAsync(receiver.Url, null, null, "test");

        await harness.LogAsync("task.completed");
        var gone = await harness.WaitForAsync(d => d.Status != "pending", "the 410 to end the delivery");
        Assert.Equal(("failed", 410), (gone.Status, gone.LastStatusCode));
        await harness.LogAsync("task.failed", "t2");

        Assert.Single(await harness.Store.ListDeliveriesAsync(new DeliveryQuery()));
        var webhook = await harness.Service.GetAsync(added.Subscription.Id);
        Assert.NotNull(webhook.Endpoint.DisabledAt);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Deliver_Redirect_NotFollowedCountedAsFailure()
    {
        await using var receiver = (await ScriptedReceiver.StartAsync()).Then(302).Then(302).Then(302);
        await using var harness = await DispatcherHarness.StartAsync();
        await harness.Service.AddAsync(receiver.Url, null, null, "test");

        await harness.LogAsync("task.completed");

        var delivery = await harness.WaitForAsync(d => d.Status == "failed", "three redirects to use up the schedule");
        Assert.Equal((3, 302), (delivery.Attempts, delivery.LastStatusCode));
        Assert.Contains("redirects are not followed", delivery.LastError, StringComparison.Ordinal);
        Assert.All(receiver.Requests, r => Assert.Equal("/hook", r.Path));
    }

    [Fact]
    public async Task Deliver_NameResolvingToMetadataAddress_RefusedWithoutConnecting()
    {
        await using var receiver = await ScriptedReceiver.StartAsync();
        // One good address and one forbidden: the whole name is refused, so DNS answers cannot smuggle one in.
        var resolver = new MappedResolver(new() { ["metadata.test"] = [IPAddress.Loopback, IPAddress.Parse("169.254.169.254")] });
        await using var harness = await DispatcherHarness.StartAsync(resolver: resolver);
        await harness.Service.AddAsync($"http://metadata.test:{receiver.Port}/hook", null, null, "test");

        await harness.LogAsync("task.completed");

        var delivery = await harness.WaitForAsync(d => d.Status == "failed", "the refusal");
        Assert.Equal((1, null), (delivery.Attempts, delivery.LastStatusCode));
        Assert.Equal("webhooks cannot be sent to 169.254.169.254: it is a link-local address, where clouds serve instance metadata and credentials (metadata.test resolves to it)", delivery.LastError);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task Deliver_HealthyReceiver_ArrivesSoonAfterTheCommit()
    {
        await using var receiver = await ScriptedReceiver.StartAsync();
        await using var harness = await DispatcherHarness.StartAsync();
        await harness.Service.AddAsync(receiver.Url, null, null, "test");
        await harness.LogAsync("task.started");
        await harness.WaitForAsync(d => d.Status == "delivered", "a first delivery (warm-up)");

        var committed = Stopwatch.GetTimestamp();
        await harness.LogAsync("task.completed");
        await Core.Tests.Testing.Poll.UntilAsync(() => receiver.Requests.Count == 2, TimeSpan.FromSeconds(10), "the second delivery");

        // The log was written by another connection (no commit signal in this process): the fallback wait bounds it.
        Assert.True(Stopwatch.GetElapsedTime(committed, receiver.Requests.Last().At) < TimeSpan.FromSeconds(2));
    }
}
