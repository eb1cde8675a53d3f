using System.Buffers;
using Baton.Core.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Baton.Api;

/// <summary>
/// Writes a subscription to the event log as <c>text/event-stream</c>: what is ready is written as one batch and
/// flushed together, and a comment goes out at every heartbeat so that an idle connection stays open.
/// </summary>
internal static class EventStream
{
    /// <summary>At most this many events are written between two flushes.</summary>
    private const int Batch = 256;

    /// <summary>Streams until <paramref name="cancellationToken"/> ends (the client left, or the daemon stops).</summary>
    public static async Task WriteAsync(
        HttpResponse response, IAsyncEnumerable<EventRecord> events, EventStreamOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Tells reverse proxies (nginx) not to hold the stream back.
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = response.BodyWriter;
        await body.WriteAsync(SseFrames.Retry(options.Retry), cancellationToken);

        using var heartbeat = new PeriodicTimer(options.Heartbeat, time);
        var enumerator = events.GetAsyncEnumerator(cancellationToken);
        Task<bool>? next = null;
        try
        {
            var beat = heartbeat.WaitForNextTickAsync(cancellationToken).AsTask();
            while (true)
            {
                next ??= enumerator.MoveNextAsync().AsTask();
                if (await Task.WhenAny(next, beat) == beat)
                {
                    await beat;
                    await body.WriteAsync(SseFrames.KeepAlive, cancellationToken);
                    beat = heartbeat.WaitForNextTickAsync(cancellationToken).AsTask();
                    continue;
                }

                var more = await next;
                next = null;
                if (!more)
                {
                    return;
                }

                // What the subscription already holds goes out in this batch, with one flush.
                for (var written = 0; more && written < Batch; written++)
                {
                    body.Write(SseFrames.Of(enumerator.Current));
                    var pending = enumerator.MoveNextAsync();
                    if (!pending.IsCompleted)
                    {
                        next = pending.AsTask();
                        break;
                    }

                    more = pending.Result;
                }

                await body.FlushAsync(cancellationToken);
                if (!more)
                {
                    return;
                }

                // A full batch: the current event goes first in the next one.
                next ??= Task.FromResult(true);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client disconnected or the daemon is stopping: either way the stream just ends.
        }
        finally
        {
            if (next is not null)
            {
                // The subscription saw the same cancellation; it must finish before it can be disposed.
                await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            await enumerator.DisposeAsync();
        }
    }
}
