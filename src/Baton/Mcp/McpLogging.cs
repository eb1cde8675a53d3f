using Microsoft.Extensions.Logging;

namespace Baton.Mcp;

/// <summary>
/// How loud the MCP SDK may log. It logs every request at Information, and a client's bad request (an unknown tool,
/// malformed JSON) as an error with a stack trace, though the client already got the error; so its categories log
/// only critical failures unless BATON_LOG_LEVEL asks for Debug or Trace. Baton's own categories are left as they are.
/// </summary>
internal static class McpLogging
{
    private const string SdkCategory = "ModelContextProtocol";

    public static ILoggingBuilder QuietMcpSdk(this ILoggingBuilder logging) =>
        logging.AddFilter(SdkCategory,
            Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("BATON_LOG_LEVEL"), true, out var level) && level <= LogLevel.Debug
                ? level
                : LogLevel.Critical);
}
