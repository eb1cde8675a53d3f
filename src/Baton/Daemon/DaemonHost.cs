using Baton.Configuration;
using Baton.Core.Engine;
using Baton.Core.Processes;
using Baton.Core.Events;
using Baton.Core.Runners;
using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Codex;
using Baton.Core.Runners.Gemini;
using Baton.Core.Runners.Command;
using Baton.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Baton.Access;
using Baton.Api;
using Baton.Dashboard;
using Baton.Mcp;
using Baton.Metrics;
using Baton.Webhooks;
using Baton.Core.Application;
using Baton.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Baton.Daemon;

/// <summary>
/// <c>baton serve</c>: takes the data directory's lock, opens the store, and runs the engine, the wake-up socket and
/// the HTTP server (REST under /api/v1, MCP at /mcp) until SIGTERM or Ctrl+C, then shuts down gracefully (running
/// attempts are stopped and re-queued). With <c>--workers 0</c> it serves without an engine: it runs no tasks and
/// keeps no row in the worker registry (it is not a worker).
/// </summary>
internal static partial class DaemonHost
{
    /// <param name="settings">The resolved settings.</param>
    /// <param name="movePortOffBaton">
    /// Started in the background by a command: if another Baton daemon holds the configured port, take a free one.
    /// </param>
    /// <param name="cancellationToken">Stops the daemon.</param>
    public static async Task RunAsync(BatonSettings settings, bool movePortOffBaton = false, CancellationToken cancellationToken = default)
    {
        // Before the lock file, the socket and the database are opened: they must not appear in an open folder.
        var tightened = settings.SecureHome();
        using var daemonLock = DaemonLock.Acquire(settings);
        // Before any process is started: a subreaper must be one before the orphans it is to adopt exist.
        var containment = ProcessContainment.Establish(settings.Containment);
        // Before anything starts (the engine would claim work): a taken port is refused with a one-line message.
        var moves = new List<string>();
        settings = settings with { Urls = await ListenCheck.EnsureFreeAsync(settings.Urls, movePortOffBaton, moves.Add, cancellationToken) };
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = settings.Home, Args = [] });
        NodeServices.ConfigureLogging(builder.Logging);
        builder.WebHost.UseUrls([.. settings.Urls]);

        var services = builder.Services;
        NodeServices.AddNode(services, settings, daemonLock);
        services.AddBatonAccess(settings);
        services.AddBatonApi();
        services.AddBatonMcpHttp();
        services.AddBatonDashboard();
        services.AddBatonMetrics();

        await using var app = builder.Build();
        // Nothing has started yet: the schema first, then the stores are made, and the node takes its name.
        var workerId = await NodeServices.PrepareAsync(app.Services, cancellationToken);
        // Also before anything starts: an address other machines can reach needs an API token to check callers with.
        await AccessControl.EnsureCanServeAsync(settings, app.Services.GetRequiredService<ITokenStore>(), cancellationToken);
        // Host, Origin and the caller first: a foreign page or another account learns nothing, not even that the
        // data directory is gone.
        app.UseBatonAccess();
        app.UseDataDirectoryGate();
        app.MapBatonApi();
        app.MapBatonMcp();
        app.MapBatonDashboard();
        app.MapBatonMetrics();

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new BatonException(ErrorKind.Unavailable,
                $"cannot serve on {string.Join(", ", settings.Urls)}: {ex.Message.TrimEnd('.')}. Another program (or another Baton daemon with another BATON_HOME) may use the port; "
                + "choose another with BATON_URLS or \"urls\" in baton.json", ex);
        }

        var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        DaemonLock.WriteInfo(settings, new DaemonInfo(
            Environment.ProcessId, TimeProvider.System.GetUtcNow(), NodeServices.StoreForPeople(settings, app.Services), settings.Engine.Workers, workerId, urls, containment.Description));
        if (tightened.Count > 0)
        {
            LogTightened(app.Logger, Environment.UserName, string.Join("; ", tightened));
        }

        foreach (var move in moves)
        {
            LogMoved(app.Logger, move);
        }

        app.Logger.LogInformation("Serving HTTP on {Urls}", string.Join(", ", urls));
        await app.WaitForShutdownAsync(cancellationToken);
        ServiceFailures.ThrowIfAny(app.Services);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Made the data directory private to {User}; other accounts could read it: {Paths}")]
    private static partial void LogTightened(ILogger logger, string user, string paths);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Move}")]
    private static partial void LogMoved(ILogger logger, string move);
}
