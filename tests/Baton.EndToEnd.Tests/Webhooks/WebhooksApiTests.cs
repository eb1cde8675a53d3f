using System.Net;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Webhooks;

/// <summary>Webhooks over REST against the real daemon delivering to a real receiver: list, deliveries, redeliver.</summary>
public sealed class WebhooksApiTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Webhooks_ListDeliveriesAndRedeliver_AsTheCliDoes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var home = WebhookHome.Create();
        var add = await home.RunAsync("webhook", "add", receiver.Url, "--events", "task.completed", "--json");
        Assert.True(add.ExitCode == 0, add.ToString());
        var webhookId = add.Json.GetProperty("webhook").GetProperty("webhook_id").GetString()!;
        await using var api = await ApiDaemon.StartOnAsync(home, workers: 1);

        await api.CreateAsync(api.Shell("true"));
        await Eventually.True(() => receiver.Accepted.Any(), Patience, "the task.completed delivery");
        using var listResponse = await api.Http.GetAsync("/api/v1/webhooks");
        var listText = await listResponse.Content.ReadAsStringAsync();
        System.Text.Json.JsonElement deliveries = default;
        await Eventually.True(
            async () =>
            {
                deliveries = (await api.GetJsonAsync($"/api/v1/webhooks/{webhookId}/deliveries")).GetProperty("deliveries");
                return deliveries.GetArrayLength() == 1 && deliveries[0].GetProperty("status").GetString() == "delivered";
            },
            Patience,
            "the delivery to be listed as delivered");
        var failedOnly = await api.GetJsonAsync($"/api/v1/webhooks/{webhookId}/deliveries?failed=true&limit=10");
        var deliveryId = deliveries[0].GetProperty("delivery_id").GetString()!;

        using var redeliver = await api.PostAsync($"/api/v1/webhooks/deliveries/{deliveryId}/redeliver", string.Empty);
        var redelivered = await ApiDaemon.ReadAsync(redeliver);
        await Eventually.True(() => receiver.Received.Count == 2, Patience, "the redelivery");

        Assert.Equal(HttpStatusCode.OK, listResponse.StatusCode);
        Assert.Contains(webhookId, listText, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", listText, StringComparison.Ordinal);
        Assert.DoesNotContain(add.Json.GetProperty("secret").GetString()!, listText, StringComparison.Ordinal);
        Assert.Empty(failedOnly.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        Assert.Equal((deliveryId, "pending"), (redelivered.GetProperty("delivery_id").GetString(), redelivered.GetProperty("status").GetString()));
        Assert.Equal(receiver.Received.First().Id, receiver.Received.Last().Id);
    }
}
