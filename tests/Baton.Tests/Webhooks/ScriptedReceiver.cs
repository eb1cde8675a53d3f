using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Tests.Webhooks;

/// <summary>One request a receiver got.</summary>
internal sealed record ReceivedRequest(string Path, string Id, string Timestamp, string Signature, string ContentType, string UserAgent, string Body, long At);

/// <summary>
/// A real Kestrel receiver on 127.0.0.1 and a free port. Each request is answered by the next scripted response
/// (status, headers, delay), then by 200 once the script runs out.
/// </summary>
internal sealed class ScriptedReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter, TimeSpan Delay)> script = new();

    private ScriptedReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public string Url { get; private set; } = string.Empty;

    public int Port { get; private set; }

    public static async Task<ScriptedReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new ScriptedReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Port = new Uri(address).Port;
        receiver.Url = $"http://127.0.0.1:{receiver.Port}/hook";
        return receiver;
    }

    public ScriptedReceiver Then(int status, string? retryAfter = null, TimeSpan delay = default)
    {
        script.Enqueue((status, retryAfter, delay));
        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        Requests.Enqueue(new ReceivedRequest(
            context.Request.Path, headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(),
            context.Request.ContentType ?? string.Empty, headers.UserAgent.ToString(), body, Stopwatch.GetTimestamp()));
        var (status, retryAfter, delay) = script.TryDequeue(out var next) ? next : (200, null, TimeSpan.Zero);
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        if (status is >= 300 and < 400)
        {
            context.Response.Headers.Location = "/redirected";
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
