using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// One subscriber to <c>GET /api/v1/events?type=task.input_required</c> that stamps (wall clock, seconds) when each
/// task's event arrives, for the people-in-the-loop scenario.
/// </summary>
internal sealed class InputRequiredStream : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<double>> seen = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly HttpResponseMessage response;
    private readonly Task reading;

    private InputRequiredStream(HttpResponseMessage response, Stream stream)
    {
        this.response = response;
        reading = ReadAsync(stream, stopping.Token);
    }

    public static async Task<InputRequiredStream> OpenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events?type=task.input_required");
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new InvalidOperationException($"GET /api/v1/events answered {(int)response.StatusCode}: {body}");
        }

        return new InputRequiredStream(response, await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    /// <summary>When the task's task.input_required event arrived (wall clock, seconds since the epoch).</summary>
    public async Task<double> WaitForAsync(string taskId, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var arrival = seen.GetOrAdd(taskId, static _ => new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (reading.IsCompleted && !arrival.Task.IsCompleted)
        {
            await reading;
            throw new InvalidOperationException("the event stream ended");
        }

        return await arrival.Task.WaitAsync(deadline, cancellationToken);
    }

    private async Task ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        string? type = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal) && type == "task.input_required")
            {
                var at = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;
                using var data = JsonDocument.Parse(line["data:".Length..]);
                if (data.RootElement.TryGetProperty("task_id", out var task) && task.GetString() is { } taskId)
                {
                    seen.GetOrAdd(taskId, static _ => new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(at);
                }
            }
            else if (line.Length == 0)
            {
                type = null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        response.Dispose();
        await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }
}
