using Baton.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
        var settings = SettingsLoader.Load();
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Logging.AddStderr(time);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(sp => new DaemonStarter(settings, sp.GetRequiredService<ILogger<DaemonStarter>>()));
        builder.Services.AddBatonMcp(sp =>
        {
            var loggerFactory = sp.GetRequiredService<ILoggerFactory>();
            return new McpBackend
            {
                Settings = settings,
                // The store opens on another thread while the server starts and answers initialize, which needs no store.
                Services = Task.Run(() => openServices(settings, loggerFactory, cancellationToken), cancellationToken),
                DefaultDirectory = Environment.CurrentDirectory,
                DefaultCaller = McpCaller.StdioUser,
                EnsureDaemonAsync = sp.GetRequiredService<DaemonStarter>().EnsureAsync,
                SearchPath = Environment.GetEnvironmentVariable("PATH"),
                Time = time,
            };
        }).WithStdioServerTransport();

        using var host = builder.Build();
        // Made now, so the store starts opening while the transport starts.
        _ = host.Services.GetRequiredService<McpBackend>();
        // The transport writes to the real stdout; anything else that writes through Console lands on stderr.
        Console.SetOut(Console.Error);
        host.Services.GetRequiredService<DaemonStarter>().StartInBackground();
        await host.RunAsync(cancellationToken);
    }
}
