using System.Text;
using Baton.EndToEnd.Tests.Api;

namespace Baton.EndToEnd.Tests.Access;

/// <summary>One request to a real daemon with the Host and Origin a browser on some page would send.</summary>
internal static class HostOriginRequest
{
    public static async Task<HttpResponseMessage> SendAsync(ApiDaemon api, string method, string path, string? host, string? origin)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (method == "POST")
        {
            var body = path == "/mcp" ? AccessSteps.McpInitialize : api.Home.CommandTask("rebound");
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
        }

        // An event stream stays open: its headers are what is checked.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            return await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException($"no answer in 20 s to {method} {path} with Host {host} and Origin {origin}", ex);
        }
    }
}
