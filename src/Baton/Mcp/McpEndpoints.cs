using Baton.Configuration;
using Baton.Core.Application;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Mcp.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Mcp;

/// <summary>MCP over Streamable HTTP at /mcp, served by the daemon from its own application layer.</summary>
internal static class McpEndpoints
{
    public const string Path = "/mcp";

    /// <summary>Maps POST, GET and DELETE /mcp; sessions end when the daemon stops.</summary>
    public static WebApplication MapBatonMcp(this WebApplication app)
    {
        var services = app.Services;
        var settings = services.GetRequiredService<BatonSettings>();
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        var time = services.GetRequiredService<TimeProvider>();
        var backend = new McpBackend
        {
            Settings = settings,
            Services = Task.FromResult(new McpServices(
                services.GetRequiredService<TaskService>(),
                services.GetRequiredService<WorkflowService>(),
                services.GetRequiredService<IEventStore>(),
                services.GetRequiredService<EventFeed>(),
                services.GetRequiredService<Core.Notifications.NotificationService>(),
                services.GetService<Core.Webhooks.WebhookService>())),
            // The daemon cannot know an HTTP caller's project: tasks name their directory.
            DefaultDirectory = null,
            DefaultCaller = new McpCaller(Access.Caller.Loopback, CanWrite: false),
            EnsureDaemonAsync = _ => Task.CompletedTask,
            SearchPath = Environment.GetEnvironmentVariable("PATH"),
            Time = time,
        };
        var server = new BatonMcpServer(backend, loggerFactory);
        var sessions = new McpHttpSessions(server, new SdkLoggerFactory(loggerFactory), time);
        var handler = new McpHttpHandler(sessions, server, new SdkLoggerFactory(loggerFactory));
        // Open GET streams would hold up the shutdown; ending the sessions ends them.
        app.Lifetime.ApplicationStopping.Register(() => sessions.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5)));
        app.Lifetime.ApplicationStopped.Register(() => server.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5)));

        app.MapPost(Path, handler.PostAsync);
        app.MapGet(Path, handler.GetAsync);
        app.MapDelete(Path, handler.DeleteAsync);
        return app;
    }
}
