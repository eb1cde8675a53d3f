using System.Net.Http.Json;
using System.Text.Json;

namespace Baton.Dashboard.Tests.Browser;

/// <summary>REST calls a test makes to set the scene, as the loopback owner (no Origin header: not a browser).</summary>
internal static class DaemonRest
{
    public static async Task<JsonElement> PostAsync(string baseUrl, string path, object body)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetAsync(string baseUrl, string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var text = await http.GetStringAsync(path);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
