using Microsoft.Extensions.Logging;

namespace Baton.Mcp;

/// <summary>
/// The logger factory handed to the MCP SDK. The SDK logs every request at Information, and a client's bad request
/// (an unknown tool, malformed JSON) as an error with a stack trace, though the client already got the error; so its
/// categories log only critical failures unless BATON_LOG_LEVEL asks for Debug or Trace. Baton's own categories are
/// left as they are.
/// </summary>
internal sealed class SdkLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private const string SdkCategory = "ModelContextProtocol";

    private readonly LogLevel minimum =
        Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("BATON_LOG_LEVEL"), true, out var level) && level <= LogLevel.Debug
            ? level
            : LogLevel.Critical;

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName.StartsWith(SdkCategory, StringComparison.Ordinal) ? new AtLeast(logger, minimum) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <summary>The inner factory belongs to the host.</summary>
    public void Dispose()
    {
    }

    private sealed class AtLeast(ILogger inner, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
