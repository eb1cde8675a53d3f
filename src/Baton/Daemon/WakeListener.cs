using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Baton.Core.Engine;
using Baton.Core.Events;
using Baton.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Daemon;

/// <summary>
/// Listens on the data directory's Unix socket so that front ends in other processes can wake the dispatcher the
/// moment they queue work or ask for a cancel (no polling delay). It is the cross-process side of the store's
/// <see cref="IChangeSignal"/>: a front end that changed the store says so here, and the daemon's followers of the
/// store (SSE, MCP resources, webhooks, hooks) wake at once, as they do for the daemon's own commits.
/// </summary>
internal sealed partial class WakeListener(
    string socketPath, DispatchSignal signal, IChangeSignal changes, ILogger<WakeListener> logger, IQueueAnnouncer? announcer = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The lock is ours, so a socket file left here belongs to a dead daemon.
        File.Delete(socketPath);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(64);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptAsync(stoppingToken);
                _ = ServeAsync(client, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            File.Delete(socketPath);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                await using var stream = new NetworkStream(client);
                using var reader = new StreamReader(stream, Encoding.ASCII);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var line = await reader.ReadLineAsync(timeout.Token);
                if (line == WakeProtocol.Wake)
                {
                    signal.NotifyWorkQueued();
                    changes.Notify();
                    // Work a command queued on this machine: other nodes of a shared store hear of it too.
                    announcer?.Announce();
                }
                else if (line is WakeProtocol.Attention or WakeProtocol.Cancel)
                {
                    signal.NotifyAttention();
                    changes.Notify();
                    // The task may run on another node of a shared store.
                    announcer?.AnnounceAttention();
                }

                var reply = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{WakeProtocol.OkPrefix}{Environment.ProcessId}\n"));
                await stream.WriteAsync(reply, timeout.Token);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                LogClientFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A wake-up client went away: {Reason}")]
    private static partial void LogClientFailed(ILogger logger, string reason);
}
