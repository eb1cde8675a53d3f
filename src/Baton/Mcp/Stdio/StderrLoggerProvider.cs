using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Baton.Mcp.Stdio;

/// <summary>One line per entry on stderr, as the daemon's log reads: UTC time, level, category, message, exception.</summary>
internal sealed class StderrLoggerProvider(TimeProvider time) : ILoggerProvider
{
    private readonly Lock writing = new();

    public ILogger CreateLogger(string categoryName) => new StderrLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fff} {Level(level)}: {category} {message}{(exception is null ? string.Empty : " " + exception.ToString().ReplaceLineEndings(" "))}");
        lock (writing)
        {
            Console.Error.WriteLine(line);
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class StderrLogger(StderrLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
