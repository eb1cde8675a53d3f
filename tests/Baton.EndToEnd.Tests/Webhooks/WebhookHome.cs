using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Webhooks;

/// <summary>A data directory whose baton.json gives webhooks a short retry schedule and timeout.</summary>
internal static class WebhookHome
{
    public static BatonHome Create(params string[] schedule)
    {
        var home = new BatonHome();
        var path = Path.Combine(home.Dir, "baton.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        config["webhooks"] = new JsonObject
        {
            ["retry_schedule"] = new JsonArray([.. (schedule.Length > 0 ? schedule : ["0s", "1s", "1s", "1s", "1s", "1s", "1s", "1s"]).Select(s => (JsonNode)s)]),
            ["timeout_seconds"] = 5,
        };
        File.WriteAllText(path, config.ToJsonString());
        return home;
    }

    /// <summary>The daemon's HTTP address from daemon.json.</summary>
    public static async Task<HttpClient> HttpAsync(BatonHome home)
    {
        var url = await Eventually.Until(
            () =>
            {
                var path = Path.Combine(home.Dir, "daemon.json");
                if (!File.Exists(path))
                {
                    return Task.FromResult<string?>(null);
                }

                try
                {
                    using var info = JsonDocument.Parse(File.ReadAllText(path));
                    return Task.FromResult(info.RootElement.TryGetProperty("urls", out var urls) && urls.GetArrayLength() > 0 ? urls[0].GetString() : null);
                }
                catch (Exception ex) when (ex is IOException or JsonException)
                {
                    // Being written.
                    return Task.FromResult<string?>(null);
                }
            },
            TimeSpan.FromSeconds(10),
            "daemon.json to list the HTTP address");
        return new HttpClient { BaseAddress = new Uri(url!), Timeout = TimeSpan.FromSeconds(30) };
    }

    public static string TypeOf(CapturedDelivery delivery) => JsonDocument.Parse(delivery.Body).RootElement.GetProperty("type").GetString()!;

    public static string? TaskIdOf(CapturedDelivery delivery) =>
        JsonDocument.Parse(delivery.Body).RootElement.GetProperty("data") is { ValueKind: JsonValueKind.Object } data ? data.GetProperty("task_id").GetString() : null;
}
