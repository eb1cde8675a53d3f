using System.Net;
using System.Text;
using System.Text.Json;
using Baton.EndToEnd.Tests.Access;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Dashboard;

/// <summary>What the dashboard tests do as a browser would: keep the session cookie, send the CSRF header, not follow redirects.</summary>
internal static class BrowserSteps
{
    /// <summary>A client that handles cookies, redirects and compression itself, so that tests see them as sent.</summary>
    public static async Task<HttpClient> BrowserClientAsync(this BatonHome home)
    {
        using var plain = await home.HttpClientAsync();
        var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None };
        return new HttpClient(handler) { BaseAddress = plain.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Signs in with an API token; returns the cookie pair (<c>baton_session=...</c>) and the whole Set-Cookie header.</summary>
    public static async Task<(string Cookie, string SetCookie)> SignInAsync(this HttpClient http, string token)
    {
        using var response = await http.SendAsCookieAsync(HttpMethod.Post, "/auth/sign-in", null, json: JsonSerializer.Serialize(new Dictionary<string, string> { ["token"] = token }));
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return CookieOf(response);
    }

    /// <summary>The session cookie a response sets.</summary>
    public static (string Cookie, string SetCookie) CookieOf(HttpResponseMessage response)
    {
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("baton_session=", StringComparison.Ordinal));
        return (setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)], setCookie);
    }

    /// <summary>GET /api/v1/session with the cookie; fails the test unless it is 200.</summary>
    public static async Task<JsonElement> SessionAsync(this HttpClient http, string cookie)
    {
        using var response = await http.SendAsCookieAsync(HttpMethod.Get, "/api/v1/session", cookie);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Sends a request with the session cookie (if any), the CSRF header (if any) and a JSON body (if any).</summary>
    public static async Task<HttpResponseMessage> SendAsCookieAsync(
        this HttpClient http, HttpMethod method, string path, string? cookie, string? csrf = null, string? json = null, string? origin = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (csrf is not null)
        {
            request.Headers.Add("X-Baton-Csrf", csrf);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}
