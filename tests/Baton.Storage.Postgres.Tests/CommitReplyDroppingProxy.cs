using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Baton.Storage.Postgres.Tests;

/// <summary>
/// A loopback TCP proxy in front of a test cluster that, once armed with a marker, lets the server commit the
/// transaction whose statements carry that marker and then drops the connection before the server's "COMMIT" reply
/// reaches the client: the change is saved, and the client cannot know it.
/// </summary>
internal sealed class CommitReplyDroppingProxy : IAsyncDisposable
{
    private static readonly byte[] CommitComplete = "COMMIT\0"u8.ToArray();
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int serverPort;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Socket> sockets = [];
    private readonly Task accepting;
    private byte[]? marker;

    public CommitReplyDroppingProxy(int serverPort)
    {
        this.serverPort = serverPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Completes when a commit's reply was dropped.</summary>
    public TaskCompletionSource Dropped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>From now on, the commit of the first transaction that sends <paramref name="text"/> loses its reply.</summary>
    public void Arm(string text) => Volatile.Write(ref marker, Encoding.UTF8.GetBytes(text));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        lock (sockets)
        {
            sockets.ForEach(s => s.Dispose());
        }

        await accepting;
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            lock (sockets)
            {
                sockets.Add(client);
                sockets.Add(server);
            }

            await server.ConnectAsync(IPAddress.Loopback, serverPort);
            var connection = new Connection();
            _ = PumpAsync(client, server, connection, toServer: true);
            _ = PumpAsync(server, client, connection, toServer: false);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, Connection connection, bool toServer)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, stop.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                var chunk = buffer.AsMemory(0, read);
                if (toServer && Volatile.Read(ref marker) is { } armed && chunk.Span.IndexOf(armed) >= 0)
                {
                    // This connection now runs the marked transaction; whichever connection gets there first takes it.
                    connection.Marked = Interlocked.Exchange(ref marker, null) is not null;
                }

                if (!toServer && connection.Marked && chunk.Span.IndexOf(CommitComplete) >= 0)
                {
                    // The server has committed; its client never hears so.
                    Dropped.TrySetResult();
                    to.Dispose();
                    return;
                }

                await to.SendAsync(chunk, stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The other side or the test went away.
        }
    }

    private sealed class Connection
    {
        public volatile bool Marked;
    }
}
