using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Http;

/// <summary>
/// One Streamable HTTP session: the SDK's <see cref="StreamableHttpServerTransport"/> and the server running over it,
/// from <c>initialize</c> until DELETE, the idle limit, or the daemon's shutdown. Only the caller that started it may use it.
/// </summary>
internal sealed class McpHttpSession : IAsyncDisposable
{
    private readonly CancellationTokenSource closing;
    private readonly BatonSession session;
    private readonly Task running;
    private readonly TimeProvider time;
    private int activeRequests;
    private int requests;
    private int getStream;
    private long lastActive;

    private McpHttpSession(string id, McpCaller caller, StreamableHttpServerTransport transport, BatonSession session, CancellationTokenSource closing, TimeProvider time)
    {
        Id = id;
        Caller = caller;
        Transport = transport;
        this.session = session;
        this.closing = closing;
        this.time = time;
        lastActive = time.GetTimestamp();
        running = session.RunAsync(closing.Token);
    }

    public string Id { get; }

    public McpCaller Caller { get; }

    public StreamableHttpServerTransport Transport { get; }

    /// <summary>The protocol version agreed at initialize (null before).</summary>
    public string? ProtocolVersion => session.Server.NegotiatedProtocolVersion;

    /// <summary>Ends with the session: GET streams and requests in flight stop with it.</summary>
    public CancellationToken Closing => closing.Token;

    /// <summary>True while a request runs or the GET stream is open.</summary>
    public bool IsBusy => Volatile.Read(ref activeRequests) > 0;

    public TimeSpan IdleFor => time.GetElapsedTime(Interlocked.Read(ref lastActive));

    /// <summary>True once the session served more than its handshake (initialize and the initialized notification).</summary>
    public bool WasUsed => Volatile.Read(ref requests) > 2;

    public static McpHttpSession Start(BatonMcpServer server, McpCaller caller, ILoggerFactory loggerFactory, TimeProvider time, CancellationToken stopping)
    {
        var id = NewId();
        var transport = new StreamableHttpServerTransport(loggerFactory) { SessionId = id };
        return new McpHttpSession(id, caller, transport, server.Open(transport), CancellationTokenSource.CreateLinkedTokenSource(stopping), time);
    }

    /// <summary>Marks a request as running until the returned handle is disposed (a busy session is never closed as idle).</summary>
    public Activity Use()
    {
        Interlocked.Increment(ref activeRequests);
        Interlocked.Increment(ref requests);
        return new Activity(this);
    }

    /// <summary>Claims the session's one GET stream.</summary>
    public bool TryStartGetStream() => Interlocked.Exchange(ref getStream, 1) == 0;

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Closed.
        }

        await session.DisposeAsync();
        await Transport.DisposeAsync();
        closing.Dispose();
    }

    /// <summary>128 random bits, URL-safe: unguessable, so a session id cannot be taken over by guessing.</summary>
    private static string NewId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    /// <summary>A request in flight on the session.</summary>
    internal readonly struct Activity(McpHttpSession owner) : IDisposable
    {
        public void Dispose()
        {
            Interlocked.Exchange(ref owner.lastActive, owner.time.GetTimestamp());
            Interlocked.Decrement(ref owner.activeRequests);
        }
    }
}
