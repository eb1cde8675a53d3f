using System.Text.Json;

namespace Baton.EndToEnd.Tests.Harness;

/// <summary>The HTTP address a daemon of a home wrote to daemon.json (tests ask for port 0).</summary>
internal static class DaemonUrl
{
    public static async Task<string> ReadAsync(BatonHome home) =>
        await Eventually.Until(
            () =>
            {
                try
                {
                    using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(home.Dir, "daemon.json")));
                    return Task.FromResult(info.RootElement.TryGetProperty("urls", out var urls) && urls.GetArrayLength() > 0 ? urls[0].GetString() : null);
                }
                catch (Exception ex) when (ex is IOException or JsonException)
                {
                    return Task.FromResult<string?>(null);
                }
            },
            TimeSpan.FromSeconds(10),
            "daemon.json to list the HTTP address");
}
