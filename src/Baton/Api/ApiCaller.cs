using Microsoft.AspNetCore.Http;

namespace Baton.Api;

/// <summary>Who calls the REST API, as recorded in <c>created_by</c> on what they create.</summary>
internal static class ApiCaller
{
    /// <summary>The caller's name as access control determined it: <c>token:NAME</c>, or <c>loopback</c> without tokens.</summary>
    public static string Name(HttpContext context) => Access.Caller.Name(context);
}
