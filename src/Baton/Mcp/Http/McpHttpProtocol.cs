namespace Baton.Mcp.Http;

/// <summary>What Streamable HTTP adds to MCP: its headers, and the protocol versions the SDK (2.3.1) speaks.</summary>
internal static class McpHttpProtocol
{
    public const string SessionIdHeader = "Mcp-Session-Id";
    public const string ProtocolVersionHeader = "MCP-Protocol-Version";

    /// <summary>The largest request body accepted (1 MiB); a larger one gets 413.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Every version the SDK supports; a request naming another gets 400.</summary>
    public static readonly IReadOnlySet<string> SupportedVersions = new HashSet<string>(StringComparer.Ordinal)
    {
        "2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28",
    };

    /// <summary>
    /// Versions without sessions (2026-07-28): each request carries its version, client and capabilities in
    /// <c>_meta</c>, so a request without a session id is answered on its own.
    /// </summary>
    public static readonly IReadOnlySet<string> SessionlessVersions = new HashSet<string>(StringComparer.Ordinal) { "2026-07-28" };
}
