using Baton.Cli;
using Baton.Configuration;
using Baton.Core.Events;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Stdio;

/// <summary>
/// <c>baton mcp</c>: the MCP server on stdin and stdout, as an MCP client (Claude Code) starts it in the user's project.
/// It answers from the store in-process, the way the CLI does, and leaves the work to the daemon, which it starts if
/// none is alive; closing the client ends this process and never a task.
/// </summary>
internal static class McpStdioHost
{
    public static async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var time = TimeProvider.System;
        using var loggerFactory = StderrLogging.Create(time);
        var settings = SettingsLoader.Load();
        // The store opens on another thread while the server starts and answers initialize, which needs no store.
        var services = Task.Run(() => OpenAsync(settings, loggerFactory, cancellationToken), cancellationToken);
        using var daemon = new DaemonStarter(settings, loggerFactory.CreateLogger<DaemonStarter>());
        var backend = new McpBackend
        {
            Settings = settings,
            Services = services,
            DefaultDirectory = Environment.CurrentDirectory,
            DefaultCaller = McpCaller.StdioUser,
            EnsureDaemonAsync = daemon.EnsureAsync,
            SearchPath = Environment.GetEnvironmentVariable("PATH"),
            Time = time,
        };

        await using var server = new BatonMcpServer(backend, loggerFactory);
        var transport = new StdioServerTransport("baton", loggerFactory);
        // The transport writes to the real stdout; anything else that writes through Console lands on stderr.
        Console.SetOut(Console.Error);
        await using var session = server.Open(transport);
        daemon.StartInBackground();
        await session.RunAsync(cancellationToken);
    }

    /// <summary>Opens and checks the store as the CLI does; a store that cannot be opened fails every tool call with the reason.</summary>
    private static async Task<McpServices> OpenAsync(BatonSettings settings, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var runtime = await CliRuntime.OpenAsync(cancellationToken);
        var storeOptions = new SqliteStoreOptions { DatabasePath = settings.DatabasePath, SynchronousFull = settings.SynchronousFull };
        var webhooks = new Core.Webhooks.WebhookService(new SqliteWebhookStore(storeOptions), settings.Webhooks, TimeProvider.System);

        // Resource updates follow the event log; the daemon writes it from another process, so the feed's tail polls.
        var events = new SqliteEventStore(storeOptions);
        return new McpServices(
            runtime.Tasks, runtime.Workflows, events, new EventFeed(events, loggerFactory.CreateLogger<EventFeed>()), CliNotifications.Create(runtime), webhooks);
    }
}
