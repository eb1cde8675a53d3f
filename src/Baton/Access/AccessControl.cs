using Baton.Configuration;
using Baton.Core.Access;
using Baton.Core.Browser;
using Baton.Core.Shares;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Access;

/// <summary>Who may call the daemon over HTTP: its owner on loopback by default, API tokens otherwise.</summary>
internal static partial class AccessControl
{
    /// <summary>Registers the token, browser session and share services (over the store's ports) and the access policy.</summary>
    public static IServiceCollection AddBatonAccess(this IServiceCollection services, BatonSettings settings)
    {
        services.AddSingleton(AccessPolicy.For(settings));
        services.AddSingleton<TokenService>();
        services.AddSingleton<BrowserSessionService>();
        services.AddSingleton<ShareService>();
        return services;
    }

    /// <summary>
    /// Refuses to start a daemon that would listen where other machines can reach it while no API token exists:
    /// it would serve nobody (every request refused) or, worse, be tempting to open up. Called before anything starts.
    /// </summary>
    public static async Task EnsureCanServeAsync(BatonSettings settings, ITokenStore store, CancellationToken cancellationToken = default)
    {
        var policy = AccessPolicy.For(settings);
        if (policy.Exposed.Count == 0)
        {
            return;
        }

        if (await store.CountActiveAsync(cancellationToken) == 0)
        {
            throw new BatonException(
                ErrorKind.Unavailable,
                $"refusing to serve on {string.Join(", ", policy.Exposed)}: other machines could reach it, and no API token exists to check callers with. "
                + "Create one first ('baton token create --name NAME --scope write'; callers send it as 'Authorization: Bearer TOKEN'), "
                + "or serve on loopback only (BATON_URLS=http://127.0.0.1:9090)");
        }
    }

    /// <summary>Adds the access rules in front of every HTTP endpoint.</summary>
    public static WebApplication UseBatonAccess(this WebApplication app)
    {
        var policy = app.Services.GetRequiredService<AccessPolicy>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Baton.Access");
        if (policy.TokensRequired)
        {
            LogTokensRequired(logger, policy.Exposed.Count > 0 ? "it listens on " + string.Join(", ", policy.Exposed) : "baton.json sets \"require_tokens\"");
        }
        else if (policy.AllowOtherUsers)
        {
            LogOtherUsersAllowed(logger);
        }

        var settings = app.Services.GetRequiredService<BatonSettings>();
        var server = app.Services.GetRequiredService<IServer>();
        var hosts = HostOriginCheck.For(settings, new ListeningPorts(server).Get);
        var tokens = app.Services.GetRequiredService<TokenService>();
        var sessions = app.Services.GetRequiredService<BrowserSessionService>();
        app.Use(next => new AccessMiddleware(next, policy, hosts, tokens, sessions, logger).InvokeAsync);
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "baton.json sets \"allow_other_users\": every account of this machine may use the API over loopback without a token")]
    private static partial void LogOtherUsersAllowed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP callers need an API token (Authorization: Bearer) because {Reason}; /health stays open")]
    private static partial void LogTokensRequired(ILogger logger, string reason);
}
