using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Baton.Core.Application.Views;
using Baton.Core.Events;

namespace Baton.Api;

/// <summary>
/// Server-sent event frames. An event's frame is built once and shared: the live feed hands every subscriber the same
/// record, so a hundred streams serialize it once, not a hundred times.
/// </summary>
internal static class SseFrames
{
    private static readonly ConditionalWeakTable<EventRecord, byte[]> Built = [];

    /// <summary>The comment sent while a stream is idle.</summary>
    public static ReadOnlyMemory<byte> KeepAlive { get; } = ": keep-alive\n\n"u8.ToArray();

    /// <summary><c>id: N</c>, <c>event: TYPE</c>, <c>data: JSON</c> (one line) and the blank line that ends the event.</summary>
    public static byte[] Of(EventRecord record) => Built.GetValue(record, Build);

    /// <summary>The stream's opening: how long a client should wait before reconnecting.</summary>
    public static byte[] Retry(TimeSpan delay) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"retry: {(long)delay.TotalMilliseconds}\n\n"));

    private static byte[] Build(EventRecord record)
    {
        var json = JsonSerializer.Serialize(EventView.Of(record), EventJsonContext.Default.EventView);
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {record.Id}\nevent: {record.Type}\ndata: {json}\n\n"));
    }
}
