using System.Text;

namespace Baton.EndToEnd.Tests.Events;

/// <summary>One server-sent event as read off the wire; comments and the retry hint come as their own kinds.</summary>
internal sealed record SseMessage(long? Id, string? Type, string? Data, string? Comment, long? Retry);

/// <summary>Reads a text/event-stream response message by message (a message ends at a blank line).</summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader reader = new(stream, Encoding.UTF8);

    /// <summary>The next message, or null when the stream ends; fails the test if none comes before the deadline.</summary>
    public async Task<SseMessage?> NextAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        long? id = null, retry = null;
        string? type = null, data = null, comment = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (id is null && type is null && data is null && comment is null && retry is null)
                {
                    continue;
                }

                return new SseMessage(id, type, data, comment, retry);
            }

            if (line.StartsWith(':'))
            {
                comment = line[1..].Trim();
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Assert.Null(data);
                data = line[6..];
            }
            else if (line.StartsWith("retry: ", StringComparison.Ordinal))
            {
                retry = long.Parse(line[7..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                Assert.Fail($"unexpected line in the event stream: {line}");
            }
        }

        return null;
    }

    /// <summary>The next event (skipping comments and the retry hint).</summary>
    public async Task<SseMessage> NextEventAsync(TimeSpan deadline)
    {
        while (true)
        {
            var message = await NextAsync(deadline) ?? throw new InvalidOperationException("the event stream ended");
            if (message.Id is not null)
            {
                return message;
            }
        }
    }

    public void Dispose() => reader.Dispose();
}
