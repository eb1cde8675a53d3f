using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Http;

/// <summary>
/// MCP's Streamable HTTP transport at /mcp, hosted by hand on ASP.NET Core around the SDK's
/// <see cref="StreamableHttpServerTransport"/>: POST carries one JSON-RPC message and answers as Server-Sent Events
/// (202 for a notification or a response); GET opens the session's stream for what the server sends on its own
/// (resource updates); DELETE ends a session. <c>initialize</c> starts a session (<c>Mcp-Session-Id</c>); the
/// 2026-07-28 protocol has no sessions and is answered request by request. Host, Origin and the caller were
/// checked before, by the access middleware in front of every route.
/// </summary>
internal sealed partial class McpHttpHandler(McpHttpSessions sessions, BatonMcpServer server, ILoggerFactory loggerFactory)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<McpHttpHandler>();

    public async Task PostAsync(HttpContext context)
    {
        if (!await RequireAcceptAsync(context, "application/json", "text/event-stream"))
        {
            return;
        }

        if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type: POST a JSON-RPC message as application/json");
            return;
        }

        var body = await McpRequestReader.ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"Payload Too Large: a message may be at most {McpHttpProtocol.MaxBodyBytes / 1024} KiB");
            return;
        }

        if (McpRequestReader.Parse(body, out var problem) is not { } message)
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Parse error: {problem}", code: -32700);
            return;
        }

        var version = context.Request.Headers[McpHttpProtocol.ProtocolVersionHeader].ToString();
        if (version.Length > 0 && !McpHttpProtocol.SupportedVersions.Contains(version))
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status400BadRequest,
                $"Bad Request: unsupported {McpHttpProtocol.ProtocolVersionHeader} '{(version.Length > 40 ? version[..40] + "..." : version)}'; this server speaks {string.Join(", ", McpHttpProtocol.SupportedVersions)}");
            return;
        }

        var sessionId = context.Request.Headers[McpHttpProtocol.SessionIdHeader].ToString();
        var caller = HttpCaller.Of(context);
        message.Context = new JsonRpcMessageContext { User = caller.ToPrincipal() };
        if (sessionId.Length > 0)
        {
            if (await FindSessionAsync(context, sessionId, caller) is { } session)
            {
                await PostToSessionAsync(context, session, message, version);
            }
        }
        else if (message is JsonRpcRequest { Method: RequestMethods.Initialize })
        {
            await StartSessionAsync(context, message, caller);
        }
        else if (McpHttpProtocol.SessionlessVersions.Contains(version))
        {
            await PostWithoutSessionAsync(context, message);
        }
        else
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status400BadRequest,
                $"Bad Request: {McpHttpProtocol.SessionIdHeader} header is required; start a session with an initialize request");
        }
    }

    public async Task GetAsync(HttpContext context)
    {
        if (!await RequireAcceptAsync(context, "text/event-stream"))
        {
            return;
        }

        if (await RequireSessionAsync(context) is not { } session)
        {
            return;
        }

        if (!session.TryStartGetStream())
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status409Conflict, "Conflict: this session's GET stream is already open");
            return;
        }

        using var activity = session.Use();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, session.Closing);
        context.Response.Headers[McpHttpProtocol.SessionIdHeader] = session.Id;
        McpHttpResponses.StartEventStream(context);
        // Headers now: the client should know at once that the stream is open; messages may come much later.
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await session.Transport.HandleGetRequestAsync(context.Response.Body, ending.Token);
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The client went away, or the session or the daemon ended.
        }
    }

    public async Task DeleteAsync(HttpContext context)
    {
        if (await RequireSessionAsync(context) is not { } session)
        {
            return;
        }

        await sessions.RemoveAsync(session.Id);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task StartSessionAsync(HttpContext context, JsonRpcMessage message, McpCaller caller)
    {
        if (await sessions.StartAsync(caller) is not { } session)
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable,
                $"Service Unavailable: {McpHttpSessions.MaxSessions} MCP sessions are busy; try again later");
            return;
        }

        if (!await PostToSessionAsync(context, session, message, version: string.Empty))
        {
            // An initialize the server could not even read leaves no session behind.
            await sessions.RemoveAsync(session.Id);
        }
    }

    /// <summary>False if the message was refused before the server saw it.</summary>
    private async Task<bool> PostToSessionAsync(HttpContext context, McpHttpSession session, JsonRpcMessage message, string version)
    {
        if (version.Length > 0 && session.ProtocolVersion is { } agreed && version != agreed)
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status400BadRequest,
                $"Bad Request: {McpHttpProtocol.ProtocolVersionHeader} is {version}, but this session speaks {agreed}");
            return false;
        }

        using var activity = session.Use();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, session.Closing);
        context.Response.Headers[McpHttpProtocol.SessionIdHeader] = session.Id;
        return await AnswerAsync(context, session.Transport, message, ending.Token);
    }

    /// <summary>A 2026-07-28 request: a server of its own over a stateless transport, for this request only.</summary>
    private async Task PostWithoutSessionAsync(HttpContext context, JsonRpcMessage message)
    {
        var transport = new StreamableHttpServerTransport(loggerFactory) { Stateless = true };
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, sessions.Stopping);
        await using var session = server.Open(transport);
        var running = session.RunAsync(ending.Token);
        try
        {
            await AnswerAsync(context, transport, message, ending.Token);
        }
        finally
        {
            await transport.DisposeAsync();
            await ending.CancelAsync();
            try
            {
                await running;
            }
            catch (OperationCanceledException)
            {
                // Ended with the request.
            }
        }
    }

    /// <summary>
    /// Hands the message to the transport, which writes the answer as SSE; nothing to answer is 202. False if the
    /// transport refused the message itself (it reads some params, such as initialize's, before the server does).
    /// </summary>
    private async Task<bool> AnswerAsync(HttpContext context, StreamableHttpServerTransport transport, JsonRpcMessage message, CancellationToken cancellationToken)
    {
        McpHttpResponses.StartEventStream(context);
        try
        {
            if (!await transport.HandlePostRequestAsync(message, context.Response.Body, cancellationToken))
            {
                context.Response.ContentType = null;
                context.Response.StatusCode = StatusCodes.Status202Accepted;
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogRequestEnded(logger, context.RequestAborted.IsCancellationRequested ? "the client went away" : "the session ended");
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or NotSupportedException && !context.Response.HasStarted)
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Invalid params: {ex.Message.Split('\n')[0].TrimEnd('.')}", code: -32602);
            return false;
        }
    }

    private static async Task<bool> RequireAcceptAsync(HttpContext context, params string[] types)
    {
        if (McpHttpResponses.Accepts(context.Request, types))
        {
            return true;
        }

        await McpHttpResponses.ErrorAsync(context, StatusCodes.Status406NotAcceptable, $"Not Acceptable: the client must accept {string.Join(" and ", types)}");
        return false;
    }

    private async Task<McpHttpSession?> RequireSessionAsync(HttpContext context)
    {
        var sessionId = context.Request.Headers[McpHttpProtocol.SessionIdHeader].ToString();
        if (sessionId.Length > 0)
        {
            return await FindSessionAsync(context, sessionId, HttpCaller.Of(context));
        }

        await McpHttpResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Bad Request: {McpHttpProtocol.SessionIdHeader} header is required");
        return null;
    }

    /// <summary>The session, if it exists and belongs to this caller; otherwise 404 (the client starts anew) or 403.</summary>
    private async Task<McpHttpSession?> FindSessionAsync(HttpContext context, string sessionId, McpCaller caller)
    {
        var session = sessions.Find(sessionId);
        if (session is null)
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status404NotFound,
                "Session not found: it ended or never existed; start a new one with initialize", McpHttpResponses.SessionNotFoundCode);
            return null;
        }

        if (session.Caller.Name != caller.Name)
        {
            await McpHttpResponses.ErrorAsync(context, StatusCodes.Status403Forbidden, "Forbidden: this session was started by another caller");
            return null;
        }

        return session;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "An MCP request ended early: {Reason}")]
    private static partial void LogRequestEnded(ILogger logger, string reason);
}
