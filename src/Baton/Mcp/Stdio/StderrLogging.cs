using Microsoft.Extensions.Logging;

namespace Baton.Mcp.Stdio;

/// <summary>
/// Logging for the stdio server: stdout carries only protocol messages, so every log line goes to stderr (which MCP
/// clients keep in their own logs). BATON_LOG_LEVEL sets the level; by default only warnings (the SDK's own logging
/// is quieter still: see <see cref="SdkLoggerFactory"/>), so a client's log stays quiet. Built without a host or the
/// console provider's options machinery: start-up time counts here.
/// </summary>
internal static class StderrLogging
{
    public static ILoggerFactory Create(TimeProvider time)
    {
        var filter = new LoggerFilterOptions
        {
            MinLevel = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("BATON_LOG_LEVEL"), true, out var level) ? level : LogLevel.Warning,
        };
        return new LoggerFactory([new StderrLoggerProvider(time)], filter);
    }
}
