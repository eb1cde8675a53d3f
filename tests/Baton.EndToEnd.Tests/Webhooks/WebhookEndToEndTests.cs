using System.Net;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Webhooks;

/// <summary>Webhooks through the real executable: the CLI adds them, the real daemon delivers to a real receiver.</summary>
public sealed class WebhookEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WebhookAdd_TaskCompletes_ReceiverGetsSignedDeliveryVerifiedByReferenceLibrary()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var home = WebhookHome.Create();
        var add = await home.RunAsync("webhook", "add", receiver.Url, "--events", "task.completed,task.failed", "--json");
        Assert.True(add.ExitCode == 0, add.ToString());
        var secret = add.Json.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        await home.StartDaemonAsync();

        var id = await home.AddAsync("--", "true");

        await Eventually.True(() => receiver.Accepted.Any(), Patience, "the task.completed delivery");
        var delivery = Assert.Single(receiver.Received);
        Assert.Equal(("task.completed", id), (WebhookHome.TypeOf(delivery), WebhookHome.TaskIdOf(delivery)));
        Assert.StartsWith("msg_", delivery.Id, StringComparison.Ordinal);
        Assert.StartsWith("v1,", delivery.Signature, StringComparison.Ordinal);
        var (exit, output) = await StandardWebhooksVerifier.VerifyAsync(receiver.Received, secret, home.Dir);
        Assert.True(exit == 0, output);
        var list = await home.RunAsync("webhook", "list", "--json");
        Assert.DoesNotContain(secret, list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookRotate_DuringOverlap_BothSecretsVerifyAndRedeliverKeepsTheId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var home = WebhookHome.Create();
        var add = await home.RunAsync("webhook", "add", receiver.Url, "--events", "task.completed", "--json");
        var oldSecret = add.Json.GetProperty("secret").GetString()!;
        var webhookId = add.Json.GetProperty("webhook").GetProperty("webhook_id").GetString()!;
        await home.StartDaemonAsync();

        var rotate = await home.RunAsync("webhook", "rotate", webhookId, "--json");
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        var newSecret = rotate.Json.GetProperty("secret").GetString()!;
        await home.AddAsync("--", "true");
        await Eventually.True(() => receiver.Accepted.Any(), Patience, "the delivery after the rotation");
        var first = Assert.Single(receiver.Received);
        Assert.Equal(2, first.Signature.Split(' ').Length);
        foreach (var secret in new[] { oldSecret, newSecret })
        {
            var (exit, output) = await StandardWebhooksVerifier.VerifyAsync([first], secret, home.Dir);
            Assert.True(exit == 0, output);
        }

        var redeliver = await home.RunAsync("webhook", "redeliver", first.Id, "--json");
        Assert.True(redeliver.ExitCode == 0, redeliver.ToString());
        await Eventually.True(() => receiver.Received.Count == 2, Patience, "the redelivery");
        var second = receiver.Received.Last();
        Assert.Equal((first.Id, first.Body), (second.Id, second.Body));
        var (again, againOutput) = await StandardWebhooksVerifier.VerifyAsync([second], newSecret, home.Dir);
        Assert.True(again == 0, againOutput);
    }

    [Fact]
    public async Task Deliveries_ReceiverFailing_FailedListShowsCodesThenRemoveStopsEverything()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Down = true;
        using var home = WebhookHome.Create("0s", "1h");
        var add = await home.RunAsync("webhook", "add", receiver.Url, "--events", "task.completed", "--json");
        var webhookId = add.Json.GetProperty("webhook").GetProperty("webhook_id").GetString()!;
        await home.StartDaemonAsync();

        await home.AddAsync("--", "true");
        await Eventually.True(() => receiver.Received.Count == 1, Patience, "the first, failing attempt");
        var failed = await Eventually.Until(
            async () =>
            {
                var result = await home.RunAsync("webhook", "deliveries", "--failed", "--json");
                return result.Json.GetArrayLength() == 1 ? result : null;
            },
            Patience,
            "the failed delivery to be listed");
        var row = failed.Json[0];
        Assert.Equal(("pending", 1, 500), (row.GetProperty("status").GetString(), row.GetProperty("attempts").GetInt32(), row.GetProperty("last_status_code").GetInt32()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, row.GetProperty("next_attempt_at").ValueKind);

        var remove = await home.RunAsync("webhook", "remove", webhookId);
        Assert.True(remove.ExitCode == 0, remove.ToString());
        receiver.Down = false;
        await home.RunAsync("task", "wait", await home.AddAsync("--", "true"));
        var redeliver = await home.RunAsync("webhook", "redeliver", row.GetProperty("delivery_id").GetString()!);

        Assert.NotEqual(0, redeliver.ExitCode);
        Assert.Empty((await home.RunAsync("webhook", "deliveries", "--json")).Json.EnumerateArray());
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Daemon_KilledWithDeliveriesPending_EveryEventDeliveredAfterRestartWithIdsUnchanged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Down = true;
        using var home = WebhookHome.Create("0s", "1s", "1s", "1s", "1s", "1s", "1s", "1s", "1s", "1s", "1s", "1s", "1s", "1s", "1s", "1s", "1s", "1s", "1s", "1s");
        await home.RunAsync("webhook", "add", receiver.Url, "--events", "task.completed");
        var daemon = await home.StartDaemonAsync();
        var tasks = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            tasks.Add(await home.AddAsync("--", "true"));
        }

        foreach (var id in tasks)
        {
            await home.WaitTerminalAsync(id, Patience);
        }

        await Eventually.True(() => receiver.Received.Select(d => d.Id).Distinct().Count() == 3, Patience, "a failing attempt of each delivery");
        var ids = receiver.Received.Select(d => d.Id).Distinct().Order().ToList();
        daemon.KillHard();
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));
        receiver.Down = false;
        await home.StartDaemonAsync();

        await Eventually.True(() => receiver.Accepted.Select(d => d.Id).Distinct().Count() == 3, Patience, "every delivery after the restart");
        Assert.Equal(ids, receiver.Accepted.Select(d => d.Id).Distinct().Order().ToList());
        Assert.Equal(tasks.Order(), receiver.Accepted.GroupBy(d => d.Id).Select(g => WebhookHome.TaskIdOf(g.First())!).Order());
    }

    [Fact]
    public async Task RestTask_WithWebhookUrl_SecretOnceAndTaskEventsDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var home = WebhookHome.Create();
        await home.StartDaemonAsync();
        using var http = await WebhookHome.HttpAsync(home);
        JsonObject Body() => new()
        {
            ["command"] = new JsonArray("sh", "-c", "exit 3"),
            ["working_directory"] = home.Work,
            ["max_retries"] = 0,
            ["webhook_url"] = receiver.Url,
        };

        var first = await http.PostAsync("/api/v1/tasks", new StringContent(Body().ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var created = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var second = JsonNode.Parse(await (await http.PostAsync("/api/v1/tasks", new StringContent(Body().ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
        var refused = await http.PostAsync("/api/v1/tasks", new StringContent(
            new JsonObject { ["command"] = new JsonArray("true"), ["working_directory"] = home.Work, ["webhook_url"] = "http://169.254.169.254/latest" }.ToJsonString(),
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var secret = created["webhook_secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Null(second["webhook_secret"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("webhook_url", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var taskIds = new[] { created["task_id"]!.GetValue<string>(), second["task_id"]!.GetValue<string>() };
        await Eventually.True(() => receiver.Accepted.Count() == 2, Patience, "each task's task.failed");
        Assert.All(receiver.Received, d => Assert.Equal("task.failed", WebhookHome.TypeOf(d)));
        Assert.Equal(taskIds.Order(), receiver.Received.Select(d => WebhookHome.TaskIdOf(d)!).Order());
        var (exit, output) = await StandardWebhooksVerifier.VerifyAsync(receiver.Received, secret, home.Dir);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task TaskAdd_WebhookUrl_SecretPrintedOnceAndMetadataAddressRefused()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var home = WebhookHome.Create();
        await home.StartDaemonAsync();

        var added = await home.RunAsync("task", "add", "--webhook-url", receiver.Url, "--json", "--", "true");
        var refused = await home.RunAsync("task", "add", "--webhook-url", "http://169.254.169.254/latest/meta-data", "--", "true");
        var alibaba = await home.RunAsync("webhook", "add", "http://100.100.100.200/latest/meta-data");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains("webhooks cannot be sent to 169.254.169.254: it is a link-local address", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, alibaba.ExitCode);
        Assert.Contains("webhooks cannot be sent to 100.100.100.200: it is a cloud provider's instance metadata address", alibaba.Stderr, StringComparison.Ordinal);
        var secret = added.Json.GetProperty("webhook_secret").GetString()!;
        var id = added.Json.GetProperty("task_id").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--webhook-url", refused.Stderr, StringComparison.Ordinal);
        await Eventually.True(() => receiver.Accepted.Any(), Patience, "the task.completed delivery");
        var delivery = Assert.Single(receiver.Received);
        Assert.Equal(("task.completed", id), (WebhookHome.TypeOf(delivery), WebhookHome.TaskIdOf(delivery)));
        var (exit, output) = await StandardWebhooksVerifier.VerifyAsync(receiver.Received, secret, home.Dir);
        Assert.True(exit == 0, output);
    }
}
