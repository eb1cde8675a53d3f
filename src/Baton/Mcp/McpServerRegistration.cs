using System.Reflection;
using Baton.Mcp.Resources;
using Baton.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp;

/// <summary>
/// Baton's MCP server, registered once for both transports: the tools, the resources and their subscriptions.
/// <c>baton mcp</c> adds the SDK's stdio transport to it, the daemon the SDK's Streamable HTTP hosting at /mcp.
/// </summary>
internal static class McpServerRegistration
{
    private const string Instructions =
        "Baton runs coding-agent tasks and workflows in the background and keeps them running after this session ends. "
        + "Hand off long work with task_async (or build a workflow: workflow_create, workflow_add_phase, workflow_add_task, workflow_start); "
        + "both return ids at once. Check progress with task_status / workflow_status, or subscribe to baton://tasks/{id} and baton://workflows/{id}.";

    private static readonly string Version =
        typeof(McpServerRegistration).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Registers the server over <paramref name="backend"/>; the caller adds the transport.</summary>
    public static IMcpServerBuilder AddBatonMcp(this IServiceCollection services, Func<IServiceProvider, McpBackend> backend)
    {
        services.AddSingleton(backend);
        services.AddSingleton(sp => new ResourceWatcher(sp.GetRequiredService<McpBackend>(), sp.GetRequiredService<ILogger<ResourceWatcher>>()));
        services.AddSingleton(sp => new McpSubscriptions(sp.GetRequiredService<ResourceWatcher>(), sp.GetRequiredService<McpBackend>().Time));
        services.AddSingleton(sp => new BatonResources(sp.GetRequiredService<McpBackend>()));
        // Made once: the options are built again for every stateless HTTP request, the tools need not be.
        services.AddSingleton(sp => BatonTools.Create(sp.GetRequiredService<McpBackend>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddOptions<McpServerOptions>().Configure<McpServerPrimitiveCollection<McpServerTool>, BatonResources, McpSubscriptions>(
            (options, tools, resources, subscriptions) =>
            {
                options.ServerInfo = new Implementation { Name = "baton", Title = "Baton", Version = Version };
                options.ServerInstructions = Instructions;
                options.Capabilities = new ServerCapabilities
                {
                    Tools = new ToolsCapability { ListChanged = false },
                    Resources = new ResourcesCapability { Subscribe = true, ListChanged = false },
                };
                options.ToolCollection = tools;
                options.Handlers = new McpServerHandlers
                {
                    ListResourceTemplatesHandler = (_, _) => BatonResources.ListTemplates(),
                    ListResourcesHandler = (_, cancellationToken) => resources.ListAsync(cancellationToken),
                    ReadResourceHandler = resources.ReadAsync,
                    SubscribeToResourcesHandler = subscriptions.SubscribeAsync,
                    UnsubscribeFromResourcesHandler = subscriptions.UnsubscribeAsync,
                    SubscriptionsListenHandler = subscriptions.ListenAsync,
                };
            });
        return services.AddMcpServer();
    }
}
