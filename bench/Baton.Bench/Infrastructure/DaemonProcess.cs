using System.Net.Sockets;
using System.Text;
using Baton.Core.Processes;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// A real <c>baton serve</c> started by the bench on a fresh data directory. It is stopped with SIGTERM by the bench
/// (by its pid, never by name), and killed on dispose if it is still there.
/// </summary>
internal sealed class DaemonProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan KillDeadline = TimeSpan.FromSeconds(10);
    private readonly SpawnedProcess process;
    private readonly OutputTail output = new();
    private readonly Task draining;
    private readonly TimeProvider time;

    private DaemonProcess(SpawnedProcess process, string home, TimeProvider time)
    {
        this.process = process;
        this.time = time;
        SocketPath = Path.Combine(home, "daemon.sock");
        draining = Task.WhenAll(output.DrainAsync(process.StandardOutput), output.DrainAsync(process.StandardError));
    }

    public int Pid => process.Identity.ProcessId;

    public string SocketPath { get; }

    /// <summary>How long it took from spawn until it answered on its socket.</summary>
    public TimeSpan StartupTime { get; private set; }

    public static Task<DaemonProcess> StartAsync(string home, TimeProvider time, CancellationToken cancellationToken = default) =>
        StartAsync(home, ["serve"], new Dictionary<string, string>(), time, cancellationToken);

    /// <summary>
    /// Starts <c>baton</c> with <paramref name="arguments"/> (<c>serve …</c> or <c>worker …</c>, both answer on the
    /// data directory's socket) and <paramref name="environment"/> over the bench's own.
    /// </summary>
    public static async Task<DaemonProcess> StartAsync(
        string home, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        var begun = time.GetTimestamp();
        var variables = BatonExecutable.Environment(home);
        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        var spawned = ProcessLauncher.Start(new ProcessStartSpec(BatonExecutable.Locate(), arguments, home, variables));
        var daemon = new DaemonProcess(spawned, home, time);
        try
        {
            await daemon.WaitUntilAnsweringAsync(cancellationToken);
            daemon.StartupTime = time.GetElapsedTime(begun);
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends SIGTERM and waits for the daemon to exit; returns how it ended and how long that took.</summary>
    public async Task<(ProcessExit Exit, TimeSpan Took)> StopAsync(TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        var begun = time.GetTimestamp();
        _ = LibC.kill(Pid, LibC.SIGTERM);
        var exit = await process.Exited.WaitAsync(deadline, time, cancellationToken);
        return (exit, time.GetElapsedTime(begun));
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.Exited.IsCompleted)
        {
            _ = LibC.kill(Pid, LibC.SIGKILL);
            await process.Exited.WaitAsync(KillDeadline, time);
        }

        await draining.WaitAsync(KillDeadline, time);
    }

    /// <summary>Polls, with a deadline, until the daemon answers a ping on its socket as the CLI does.</summary>
    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var begun = time.GetTimestamp();
        while (time.GetElapsedTime(begun) < StartDeadline)
        {
            if (process.Exited.IsCompleted)
            {
                throw new InvalidOperationException($"baton serve ended with {await process.Exited} before it answered; its output:\n{output}");
            }

            if (File.Exists(SocketPath) && await PingAsync(cancellationToken))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), time, cancellationToken);
        }

        throw new TimeoutException($"baton serve did not answer on {SocketPath} within {StartDeadline.TotalSeconds:0} s; its output:\n{output}");
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
            await using var stream = new NetworkStream(socket);
            await stream.WriteAsync("ping\n"u8.ToArray(), cancellationToken);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var reply = await reader.ReadLineAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(2), time, cancellationToken);
            return reply is not null && reply.StartsWith("ok ", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            // Not listening yet.
            return false;
        }
    }
}
