using Baton.Configuration;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Webhooks;
using Baton.Mcp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Cli.Commands;

/// <summary>
/// What <c>baton mcp</c> answers from: the store and the application layer opened in this process, as for any command
/// of the CLI. It lives with the command line so that the MCP server itself knows nothing of it.
/// </summary>
internal static class McpStdioServices
{
    /// <summary>Opens and checks the store as the CLI does; a store that cannot be opened fails every tool call with the reason.</summary>
    public static async Task<McpServices> OpenAsync(BatonSettings settings, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var runtime = await CliRuntime.OpenAsync(cancellationToken);
        var webhooks = new WebhookService(runtime.Stores.GetRequiredService<IWebhookStore>(), settings.Webhooks, TimeProvider.System);

        // Resource updates follow the event log; the daemon writes it from another process, so the feed's tail polls.
        var events = runtime.Events;
        return new McpServices(
            runtime.Tasks, runtime.Workflows, events, new EventFeed(events, loggerFactory.CreateLogger<EventFeed>()), CliNotifications.Create(runtime), runtime.Interactions, webhooks, runtime.Schedules, runtime.Initiatives);
    }
}
