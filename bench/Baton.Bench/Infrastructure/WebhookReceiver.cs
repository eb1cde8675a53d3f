using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// A healthy webhook receiver on loopback, in the bench process: it answers 204 at once and stamps each delivery
/// (Stopwatch timestamp, taken once its body has been read) under the body's <c>data.task_id</c>.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> arrivals = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private readonly Task accepting;
    private int deliveries;
    private int repeats;
    private int unreadable;

    private WebhookReceiver(int port, TimeProvider time)
    {
        this.time = time;
        Url = $"http://127.0.0.1:{port}/hook";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        accepting = AcceptAsync();
    }

    public string Url { get; }

    /// <summary>Every delivery received.</summary>
    public int Deliveries => Volatile.Read(ref deliveries);

    /// <summary>Deliveries for a task that had one already (a redelivery: the daemon did not record the first).</summary>
    public int Repeats => Volatile.Read(ref repeats);

    /// <summary>Deliveries without the webhook headers or without <c>data.task_id</c>.</summary>
    public int Unreadable => Volatile.Read(ref unreadable);

    public static WebhookReceiver Start(TimeProvider time) => new(FreePort(), time);

    /// <summary>When the delivery for <paramref name="taskId"/> was read; it may have come before the caller knew the id.</summary>
    public Task<long> WhenDelivered(string taskId) => Arrival(taskId).Task;

    public async ValueTask DisposeAsync()
    {
        // Stop makes the pending GetContextAsync throw, which ends the accept loop.
        listener.Stop();
        await accepting;
        listener.Close();
    }

    private async Task AcceptAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var read = time.GetTimestamp();
            context.Response.StatusCode = (int)HttpStatusCode.NoContent;
            context.Response.Close();
            Interlocked.Increment(ref deliveries);
            if (TaskId(context.Request, body.ToArray()) is not { } taskId)
            {
                Interlocked.Increment(ref unreadable);
                return;
            }

            if (!Arrival(taskId).TrySetResult(read))
            {
                Interlocked.Increment(ref repeats);
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The daemon hung up or the receiver is stopping; a missing delivery shows as a timeout in the scenario.
        }
    }

    private TaskCompletionSource<long> Arrival(string taskId) =>
        arrivals.GetOrAdd(taskId, static _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>The body's <c>data.task_id</c>, if it is a signed Standard Webhooks delivery of a task event.</summary>
    private static string? TaskId(HttpListenerRequest request, byte[] body)
    {
        if (request.Headers["webhook-id"] is null || request.Headers["webhook-timestamp"] is null || request.Headers["webhook-signature"] is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("task_id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A port free now: HttpListener cannot take port 0, so the kernel picks one for a moment's socket.</summary>
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
