using Microsoft.Extensions.Logging;

namespace Baton.Mcp.Stdio;

/// <summary>
/// Logging for the stdio server: stdout carries only protocol messages, so every log line goes to stderr (which MCP
/// clients keep in their own logs). BATON_LOG_LEVEL sets the level; by default only warnings (the SDK's own logging
/// is quieter still: see <see cref="McpLogging"/>), so a client's log stays quiet. No console provider and its
/// options machinery: start-up time counts here.
/// </summary>
internal static class StderrLogging
{
    public static ILoggingBuilder AddStderr(this ILoggingBuilder logging, TimeProvider time) =>
        logging.ClearProviders()
            .AddProvider(new StderrLoggerProvider(time))
            .SetMinimumLevel(Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("BATON_LOG_LEVEL"), true, out var level) ? level : LogLevel.Warning)
            .QuietMcpSdk();
}
