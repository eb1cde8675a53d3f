using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.EndToEnd.Tests.Webhooks;

/// <summary>A delivery as the receiver got it: what the independent verifier needs, and the status it was answered with.</summary>
internal sealed record CapturedDelivery(string Id, string Timestamp, string Signature, string Body, int Answer);

/// <summary>
/// A real Kestrel receiver on 127.0.0.1 and a free port. While <see cref="Down"/> it answers 500 (a receiver having
/// a bad day); otherwise 200. Every request is captured.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<CapturedDelivery> Received { get; } = new();

    public volatile bool Down;

    public string Url { get; private set; } = string.Empty;

    public IEnumerable<CapturedDelivery> Accepted => Received.Where(d => d.Answer == 200);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        receiver.Url = $"http://127.0.0.1:{port}/hooks/baton";
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var answer = Down ? 500 : 200;
        var headers = context.Request.Headers;
        Received.Enqueue(new CapturedDelivery(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(), body, answer));
        context.Response.StatusCode = answer;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
