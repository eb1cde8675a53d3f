using System.Text.Json;

namespace Baton.Daemon;

/// <summary>
/// Tells whether the program holding a port is a Baton daemon (of another data directory): it answers GET /health
/// with Baton's own fields. Only then may a daemon started in the background move to another port; a port held by
/// anything else stays a refusal, since the user chose it.
/// </summary>
internal static class BatonPortProbe
{
    // Generous: a daemon that has just started compiles its first answer, and a busy machine slows it further; a
    // wrong "another program" would refuse a start that could have moved to a free port.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(6);

    public static async Task<bool> IsBatonDaemonAsync(Uri url, CancellationToken cancellationToken = default)
    {
        if (url.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }

        // A wildcard address is reached on loopback.
        var host = url.Host is "0.0.0.0" or "[::]" or "*" or "+" ? "127.0.0.1" : url.Host;
        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(new Uri($"http://{host}:{url.Port}/health"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return health.RootElement.ValueKind == JsonValueKind.Object
                && health.RootElement.TryGetProperty("worker_id", out _)
                && health.RootElement.TryGetProperty("version", out _);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
