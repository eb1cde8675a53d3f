using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// One client of <c>GET /api/v1/events</c>: it reads the stream as an EventSource would (only the id, event and data
/// fields; comments and <c>retry:</c> are skipped) and stamps every event. It says when it has seen a given number of
/// task.completed events, and fails that wait at once if the stream breaks.
/// </summary>
internal sealed class SseSubscriber : IAsyncDisposable
{
    private const string Completed = "task.completed";
    private const string Created = "task.created";
    private readonly List<SseArrival> arrivals = new(8192);
    private readonly Dictionary<long, string> createdTasks = [];
    private readonly TaskCompletionSource<long> sawAll = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stopping = new();
    private readonly HttpResponseMessage response;
    private readonly int completionsWanted;
    private readonly bool readTaskIds;
    private readonly TimeProvider time;
    private readonly Task reading;
    private int completions;

    private SseSubscriber(HttpResponseMessage response, Stream stream, int completionsWanted, bool readTaskIds, TimeProvider time)
    {
        this.response = response;
        this.completionsWanted = completionsWanted;
        this.readTaskIds = readTaskIds;
        this.time = time;
        reading = ReadAsync(stream, stopping.Token);
    }

    /// <summary>What it got, in order. Read it only once <see cref="SawAllCompletions"/> has ended or after disposal.</summary>
    public IReadOnlyList<SseArrival> Arrivals => arrivals;

    /// <summary>The task.created events' ids and their task ids, if this subscriber was asked to read them.</summary>
    public IReadOnlyDictionary<long, string> CreatedTasks => createdTasks;

    /// <summary>The timestamp at which the wanted number of task.completed events had arrived.</summary>
    public Task<long> SawAllCompletions => sawAll.Task;

    /// <summary>
    /// Opens the stream at <paramref name="path"/> and returns once the daemon has answered 200 with an event stream.
    /// Only one subscriber needs <paramref name="readTaskIds"/>: parsing every event's JSON at a hundred clients
    /// would take the cores the daemon is measured on.
    /// </summary>
    public static async Task<SseSubscriber> OpenAsync(
        HttpClient http, string path, int completionsWanted, bool readTaskIds, TimeProvider time, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new InvalidOperationException(
                    $"GET {path} answered {(int)response.StatusCode} {response.Content.Headers.ContentType}, not 200 text/event-stream: {body}");
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new SseSubscriber(response, stream, completionsWanted, readTaskIds, time);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await reading;
        response.Dispose();
        stopping.Dispose();
    }

    private async Task ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(stream);
            long? id = null;
            string? type = null;
            string? data = null;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0)
                {
                    if (id is { } complete)
                    {
                        Dispatch(complete, type, data);
                    }

                    (id, type, data) = (null, null, null);
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = long.Parse(line.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line;
                }
            }

            sawAll.TrySetException(new IOException($"the event stream ended after {arrivals.Count} events"));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            sawAll.TrySetCanceled(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or FormatException or JsonException or KeyNotFoundException)
        {
            sawAll.TrySetException(ex);
        }
    }

    private void Dispatch(long id, string? type, string? data)
    {
        var at = time.GetTimestamp();
        arrivals.Add(new SseArrival(id, at));
        if (type == Completed && ++completions == completionsWanted)
        {
            sawAll.TrySetResult(at);
        }
        else if (readTaskIds && type == Created && data is not null)
        {
            using var json = JsonDocument.Parse(data.AsMemory(6));
            createdTasks[id] = json.RootElement.GetProperty("task_id").GetString()!;
        }
    }
}
