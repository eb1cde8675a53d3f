using System.Reflection;
using Baton.Mcp.Stdio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Agent;

/// <summary>
/// <c>baton mcp --task ID</c>: the MCP server an agent run by Baton gets for its own task (its runner adds it to the
/// agent CLI's MCP configuration for that run). Three tools only (context_save, context_load, progress_update), all
/// bound to that task and attempt, so that the agent's context stays small and it cannot act on other work. It writes
/// to the store in-process and never starts a daemon: the daemon that runs the agent is alive.
/// </summary>
internal static class AgentMcpHost
{
    private const string Instructions =
        "Baton runs you as one of its tasks. Save where your work stands with context_save (at milestones and before you finish; under 4 KB), "
        + "read saved context with context_load, and say how far along you are with progress_update.";

    private static readonly string Version =
        typeof(AgentMcpHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <param name="run">The task and attempt the agent runs as.</param>
    /// <param name="openServices">Opens the store and the context service in this process.</param>
    /// <param name="cancellationToken">Ends the server.</param>
    public static async Task RunAsync(AgentRun run, Func<CancellationToken, Task<AgentMcpServices>> openServices, CancellationToken cancellationToken = default)
    {
        var time = TimeProvider.System;
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Logging.AddStderr(time);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        // The store opens on another thread while the server answers initialize, which needs no store.
        var services = Task.Run(() => openServices(cancellationToken), cancellationToken);
        builder.Services.AddSingleton(sp => Tools(run, services, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgentTool))));
        builder.Services.AddOptions<McpServerOptions>().Configure<McpServerPrimitiveCollection<McpServerTool>>((options, tools) =>
        {
            options.ServerInfo = new Implementation { Name = "baton", Title = "Baton (this task)", Version = Version };
            options.ServerInstructions = Instructions;
            options.Capabilities = new ServerCapabilities { Tools = new ToolsCapability { ListChanged = false } };
            options.ToolCollection = tools;
        });
        builder.Services.AddMcpServer().WithStdioServerTransport();

        using var host = builder.Build();
        Console.SetOut(Console.Error);
        await host.RunAsync(cancellationToken);
    }

    private static McpServerPrimitiveCollection<McpServerTool> Tools(AgentRun run, Task<AgentMcpServices> services, ILogger logger) =>
    [
        new ContextSaveTool(run, services, logger),
        new ContextLoadTool(run, services, logger),
        new ProgressUpdateTool(run, services, logger),
    ];
}
