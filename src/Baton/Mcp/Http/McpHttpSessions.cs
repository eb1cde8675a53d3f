using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Baton.Mcp.Http;

/// <summary>
/// The daemon's MCP sessions by id, bounded in number and in idle time so that no client, however it misbehaves,
/// can grow the daemon's memory: each session holds a server of the SDK's (about 0.1 MB). A session that has been
/// idle (no request, no open GET stream) for two hours is closed, and one that never went past its handshake after
/// a minute; a client that comes back gets 404 and, as the protocol says, starts a new one. At most 256 live at
/// once: a new one then replaces the longest idle one, or is refused while all are busy.
/// </summary>
internal sealed partial class McpHttpSessions : IAsyncDisposable
{
    public const int MaxSessions = 256;
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(2);

    /// <summary>How long a session that only did its handshake (initialize, initialized) may sit unused.</summary>
    public static readonly TimeSpan UnusedLimit = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, McpHttpSession> sessions = new(StringComparer.Ordinal);
    private readonly BatonMcpServer server;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task sweeping;

    public McpHttpSessions(BatonMcpServer server, ILoggerFactory loggerFactory, TimeProvider time)
    {
        this.server = server;
        this.loggerFactory = loggerFactory;
        this.time = time;
        logger = loggerFactory.CreateLogger<McpHttpSessions>();
        sweeping = SweepAsync(stopping.Token);
    }

    /// <summary>Ends with the daemon: every session and stream stops.</summary>
    public CancellationToken Stopping => stopping.Token;

    public int Count => sessions.Count;

    /// <summary>A new session for <paramref name="caller"/>, or null if the limit is reached and every session is busy.</summary>
    public async Task<McpHttpSession?> StartAsync(McpCaller caller)
    {
        if (sessions.Count >= MaxSessions)
        {
            var idlest = sessions.Values.Where(s => !s.IsBusy).MaxBy(s => s.IdleFor);
            if (idlest is null)
            {
                return null;
            }

            await RemoveAsync(idlest.Id);
        }

        var session = McpHttpSession.Start(server, caller, loggerFactory, time, stopping.Token);
        sessions[session.Id] = session;
        LogStarted(logger, session.Id, caller.Name);
        return session;
    }

    public McpHttpSession? Find(string id) => sessions.GetValueOrDefault(id);

    /// <summary>Closes the session; false if there was none with that id.</summary>
    public async Task<bool> RemoveAsync(string id)
    {
        if (!sessions.TryRemove(id, out var session))
        {
            return false;
        }

        await session.DisposeAsync();
        LogClosed(logger, id);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await sweeping;
        foreach (var id in sessions.Keys)
        {
            await RemoveAsync(id);
        }

        stopping.Dispose();
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var session in sessions.Values.Where(s => !s.IsBusy && s.IdleFor > (s.WasUsed ? IdleLimit : UnusedLimit)))
                {
                    await RemoveAsync(session.Id);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The daemon stops.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "MCP session {SessionId} started for {Caller}")]
    private static partial void LogStarted(ILogger logger, string sessionId, string caller);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MCP session {SessionId} closed")]
    private static partial void LogClosed(ILogger logger, string sessionId);
}
