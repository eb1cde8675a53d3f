using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Baton.Dashboard.Tests.Browser;

/// <summary>
/// Another web site on this machine (loopback, its own port): every path answers the same small page. A page the
/// browser loads from here has a foreign origin for the daemon, as any site a person visits would.
/// </summary>
internal sealed class ForeignSite : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stop = new();

    public ForeignSite()
    {
        var port = FreePort();
        Origin = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Origin + "/");
        listener.Start();
        _ = ServeAsync();
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public string Origin { get; }

    private async Task ServeAsync()
    {
        var page = Encoding.UTF8.GetBytes("<!doctype html><html lang=\"en\"><title>elsewhere</title><p>another site</p></html>");
        while (!stop.IsCancellationRequested)
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

            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(page);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Close();
        stop.Dispose();
    }
}
