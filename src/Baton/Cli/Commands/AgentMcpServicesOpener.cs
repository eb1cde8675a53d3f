using Baton.Core.Application;
using Baton.Core.Runners;
using Baton.Core.Storage;
using Baton.Mcp.Agent;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Commands;

/// <summary>Opens the store as the CLI does, for the agent-side MCP server of one task.</summary>
internal static class AgentMcpServicesOpener
{
    public static async Task<AgentMcpServices> OpenAsync(CancellationToken cancellationToken)
    {
        var runtime = await CliRuntime.OpenAsync(cancellationToken);
        var stores = runtime.Stores;
        // This process inherits the agent's environment: its secret-looking values are what a capsule must not carry.
        var context = new ContextService(
            runtime.Store, stores.GetRequiredService<ICapsuleStore>(), stores.GetRequiredService<IAttemptStore>(), TimeProvider.System, AttemptEnvironment.OfCurrentProcess());
        return new AgentMcpServices(context);
    }
}
