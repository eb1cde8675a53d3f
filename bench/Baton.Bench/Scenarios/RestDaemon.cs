using System.Net;
using System.Text.Json;
using Baton.Bench.Infrastructure;

namespace Baton.Bench.Scenarios;

/// <summary>
/// A real <c>baton serve</c> for the REST scenarios, and a keep-alive HTTP client on the loopback address the daemon
/// wrote to daemon.json (the bench asks for port 0).
/// </summary>
internal sealed class RestDaemon : IAsyncDisposable
{
    private static readonly TimeSpan AddressDeadline = TimeSpan.FromSeconds(10);

    private RestDaemon(DaemonProcess daemon, HttpClient http)
    {
        Daemon = daemon;
        Http = http;
    }

    public DaemonProcess Daemon { get; }

    public HttpClient Http { get; }

    public static Task<RestDaemon> StartAsync(string home, TimeProvider time, CancellationToken cancellationToken = default) =>
        StartAsync(home, ["serve"], new Dictionary<string, string>(), time, cancellationToken);

    /// <summary>A daemon started with <paramref name="arguments"/> (<c>serve …</c>) and <paramref name="environment"/> over the bench's own.</summary>
    public static async Task<RestDaemon> StartAsync(
        string home, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        ReserveThreadsForOutputDrains();
        var daemon = await DaemonProcess.StartAsync(home, arguments, environment, time, cancellationToken);
        try
        {
            var begun = time.GetTimestamp();
            string? url;
            while ((url = ReadUrl(home)) is null)
            {
                if (time.GetElapsedTime(begun) > AddressDeadline)
                {
                    throw new TimeoutException($"baton serve wrote no HTTP address to daemon.json within {AddressDeadline.TotalSeconds:0} s");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(10), time, cancellationToken);
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || !IPAddress.IsLoopback(IPAddress.Parse(address.Host)))
            {
                throw new InvalidOperationException($"the daemon serves on {url}, not on loopback; the bench only talks to loopback");
            }

            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5), UseProxy = false };
            return new RestDaemon(daemon, new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) });
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends a request and checks its status; returns the body.</summary>
    public async Task<string> SendAsync(Func<HttpRequestMessage> request, HttpStatusCode expected, CancellationToken cancellationToken = default)
    {
        using var message = request();
        using var response = await Http.SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == expected
            ? body
            : throw new InvalidOperationException($"{message.Method} {message.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}: {body}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Daemon.DisposeAsync();
    }

    /// <summary>
    /// The daemon's stdout and stderr are drained by reads that each hold a thread-pool thread for the daemon's life
    /// (a FileStream over a pipe reads synchronously on Linux). On two cores that leaves the pool no free thread
    /// until it injects more, which stalled the client once per run for 0.6 to 1 s. Two more threads at the
    /// minimum keep the client's continuations running.
    /// </summary>
    private static void ReserveThreadsForOutputDrains()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + 2), completionPorts);
    }

    private static string? ReadUrl(string home)
    {
        try
        {
            using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(home, "daemon.json")));
            return info.RootElement.TryGetProperty("urls", out var urls) && urls.ValueKind == JsonValueKind.Array && urls.GetArrayLength() > 0
                ? urls[0].GetString()
                : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }
}
