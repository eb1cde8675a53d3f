using Baton.EndToEnd.Tests.Harness;
using Baton.EndToEnd.Tests.Webhooks;

namespace Baton.EndToEnd.Tests.Metrics;

/// <summary>Webhook deliveries on <c>/metrics</c> by outcome, with a real receiver that fails once and then accepts.</summary>
public sealed class WebhookMetricsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetMetrics_DeliveryFailsThenSucceeds_CountsOneRetryAndOneDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Down = true;
        using var home = WebhookHome.Create("0s", "1s");
        var add = await home.RunAsync("webhook", "add", receiver.Url, "--events", "task.completed", "--json");
        Assert.True(add.ExitCode == 0, add.ToString());
        await home.StartDaemonAsync();
        using var http = await WebhookHome.HttpAsync(home);

        await home.AddAsync("--", "true");
        await Eventually.True(() => !receiver.Received.IsEmpty, Patience, "the first, refused delivery attempt");
        receiver.Down = false;
        await Eventually.True(() => receiver.Accepted.Any(), Patience, "the delivery accepted on its retry");

        IReadOnlyList<MetricSample> samples = [];
        await Eventually.True(
            async () =>
            {
                samples = await PrometheusParser.ParseAsync(await http.GetStringAsync("/metrics"));
                return Count(samples, "delivered") == 1;
            },
            Patience,
            "the delivered attempt counted");
        Assert.Equal(receiver.Received.Count(d => d.Answer != 200), Count(samples, "retry"));
        Assert.Equal(0, Count(samples, "give_up"));
        Assert.Equal(0, samples.Single(s => s.Name == "baton_webhook_deliveries_pending").Value);
    }

    private static double Count(IReadOnlyList<MetricSample> samples, string outcome) =>
        samples.Where(s => s.Name == "baton_webhook_deliveries_total" && s.Has(("outcome", outcome))).Sum(s => s.Value);
}
