using Baton.Configuration;
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
    /// <param name="openServices">Opens the store and the application layer in this process; the command line supplies it, since it opens them the same way for its own commands.</param>
    /// <param name="cancellationToken">Ends the server.</param>
    public static async Task RunAsync(Func<BatonSettings, ILoggerFactory, CancellationToken, Task<McpServices>> openServices, CancellationToken cancellationToken = default)
    {
        var time = TimeProvider.System;
        using var loggerFactory = StderrLogging.Create(time);
        var settings = SettingsLoader.Load();
        // The store opens on another thread while the server starts and answers initialize, which needs no store.
        var services = Task.Run(() => openServices(settings, loggerFactory, cancellationToken), cancellationToken);
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
}
