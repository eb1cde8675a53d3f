using System.Reflection;
using Baton.Mcp.Resources;
using Baton.Mcp.Tools;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp;

/// <summary>
/// Baton's MCP server, whatever the transport: the tools, the resources and their subscriptions. One instance serves
/// every session of a process (the stdio server has one; the daemon's /mcp endpoint many); each session gets an
/// <see cref="McpServer"/> of the official SDK over its transport.
/// </summary>
internal sealed class BatonMcpServer : IAsyncDisposable
{
    private const string Instructions =
        "Baton runs coding-agent tasks and workflows in the background and keeps them running after this session ends. "
        + "Hand off long work with task_async (or build a workflow: workflow_create, workflow_add_phase, workflow_add_task, workflow_start); "
        + "both return ids at once. Check progress with task_status / workflow_status, or subscribe to baton://tasks/{id} and baton://workflows/{id}.";

    private static readonly string Version =
        typeof(BatonMcpServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly McpBackend backend;
    private readonly ILoggerFactory loggerFactory;
    private readonly McpServerPrimitiveCollection<McpServerTool> tools;
    private readonly ResourceWatcher watcher;
    private readonly BatonResources resources;

    public BatonMcpServer(McpBackend backend, ILoggerFactory loggerFactory)
    {
        this.backend = backend;
        this.loggerFactory = new SdkLoggerFactory(loggerFactory);
        tools = BatonTools.Create(backend, loggerFactory);
        watcher = new ResourceWatcher(backend, loggerFactory.CreateLogger<ResourceWatcher>());
        resources = new BatonResources(backend);
    }

    /// <summary>A session over <paramref name="transport"/>; run it with <see cref="McpServer.RunAsync"/>, dispose it when it ends.</summary>
    public BatonSession Open(ITransport transport)
    {
        var subscriptions = new SessionSubscriptions(watcher, backend.Time);
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "baton", Title = "Baton", Version = Version },
            ServerInstructions = Instructions,
            Capabilities = new ServerCapabilities
            {
                Tools = new ToolsCapability { ListChanged = false },
                Resources = new ResourcesCapability { Subscribe = true, ListChanged = false },
            },
            ToolCollection = tools,
            Handlers = new McpServerHandlers
            {
                ListResourceTemplatesHandler = (_, _) => BatonResources.ListTemplates(),
                ListResourcesHandler = (_, cancellationToken) => resources.ListAsync(cancellationToken),
                ReadResourceHandler = resources.ReadAsync,
                SubscribeToResourcesHandler = subscriptions.SubscribeAsync,
                UnsubscribeFromResourcesHandler = subscriptions.UnsubscribeAsync,
                SubscriptionsListenHandler = subscriptions.ListenAsync,
            },
        };
        var server = McpServer.Create(transport, options, loggerFactory);
        subscriptions.Server = server;
        return new BatonSession(server, subscriptions);
    }

    public ValueTask DisposeAsync() => watcher.DisposeAsync();
}
