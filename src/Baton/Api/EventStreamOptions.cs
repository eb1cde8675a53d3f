using System.Globalization;
using Baton.Core.Errors;

namespace Baton.Api;

/// <summary>Timing of <c>GET /api/v1/events</c>.</summary>
internal sealed record EventStreamOptions
{
    /// <summary>How often an idle stream gets a <c>: keep-alive</c> comment, so proxies and clients see it is alive (default 15 s).</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The reconnection delay suggested to clients in the stream's first <c>retry:</c> field (default 3 s).</summary>
    public TimeSpan Retry { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The defaults, with the heartbeat from BATON_SSE_HEARTBEAT_SECONDS when it is set (tests use a short one).
    /// A value that is not a positive number of seconds fails the daemon's start with a message saying so.
    /// </summary>
    public static EventStreamOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        var text = (environment ?? Environment.GetEnvironmentVariable)("BATON_SSE_HEARTBEAT_SECONDS");
        if (text is null)
        {
            return new EventStreamOptions();
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600
            ? new EventStreamOptions { Heartbeat = TimeSpan.FromSeconds(seconds) }
            : throw BatonException.Invalid($"BATON_SSE_HEARTBEAT_SECONDS must be a number of seconds between 0 and 3600, such as 15 (got '{text}')");
    }
}
