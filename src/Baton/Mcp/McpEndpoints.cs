using Baton.Configuration;
using Baton.Core.Application;
using Baton.Core.Events;
using Baton.Core.Notifications;
using Baton.Core.Storage;
using Baton.Core.Webhooks;
using Baton.Mcp.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.AspNetCore;

namespace Baton.Mcp;

/// <summary>
/// MCP over Streamable HTTP at /mcp, served by the daemon from its own application layer on the SDK's ASP.NET Core
/// hosting. Sessions are bounded so that no client, however it misbehaves, can grow the daemon's memory (each holds
/// a server of the SDK's, about 0.1 MB): one idle (no request, no open GET stream) for two hours is closed, and past
/// 256 idle sessions the idlest is closed to make room; a client that comes back gets 404 and, as the protocol says,
/// starts a new one. Clients of 2026-07-28, which has no sessions, are answered request by request.
/// </summary>
internal static class McpEndpoints
{
    public const string Path = "/mcp";

    /// <summary>How many idle sessions are kept at most.</summary>
    public const int MaxIdleSessions = 256;

    /// <summary>How long an idle session is kept.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(2);

    /// <summary>Registers the MCP server with the HTTP transport; the daemon's application layer must be registered too.</summary>
    public static IServiceCollection AddBatonMcpHttp(this IServiceCollection services)
    {
        services.AddBatonMcp(sp => new McpBackend
        {
            Settings = sp.GetRequiredService<BatonSettings>(),
            Services = Task.FromResult(new McpServices(
                sp.GetRequiredService<TaskService>(),
                sp.GetRequiredService<WorkflowService>(),
                sp.GetRequiredService<IEventStore>(),
                sp.GetRequiredService<EventFeed>(),
                sp.GetRequiredService<NotificationService>(),
                sp.GetRequiredService<InteractionService>(),
                sp.GetService<WebhookService>(),
                sp.GetService<ScheduleService>(),
                sp.GetService<InitiativeService>())),
            // The daemon cannot know an HTTP caller's project: tasks name their directory.
            DefaultDirectory = null,
            DefaultCaller = new McpCaller(Access.Caller.Loopback, CanWrite: false),
            EnsureDaemonAsync = _ => Task.CompletedTask,
            SearchPath = Environment.GetEnvironmentVariable("PATH"),
            Time = sp.GetRequiredService<TimeProvider>(),
        }).WithHttpTransport();
        services.AddSingleton<McpHttpSessions>();
        services.AddOptions<HttpServerTransportOptions>().Configure<McpHttpSessions, TimeProvider>((options, sessions, time) =>
        {
            options.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
#pragma warning disable MCP9006 // Sessions are what clients up to 2025-11-25 (Claude Code among them) use; their bounds stay.
            options.IdleTimeout = IdleLimit;
            options.MaxIdleSessionCount = MaxIdleSessions;
#pragma warning restore MCP9006
            options.TimeProvider = time;
#pragma warning disable MCPEXP002 // The one hook that sees a session end, which ends its resource subscriptions.
            options.RunSessionHandler = sessions.RunAsync;
#pragma warning restore MCPEXP002
        });
        return services;
    }

    /// <summary>Maps POST, GET and DELETE /mcp behind <see cref="McpRequestGate"/>; sessions end when the daemon stops.</summary>
    public static WebApplication MapBatonMcp(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), mcp => mcp.UseMiddleware<McpRequestGate>());
        app.MapMcp(Path);
        return app;
    }
}
