using System.Net.Http.Headers;
using Baton.EndToEnd.Tests.Api;

namespace Baton.EndToEnd.Tests.Events;

/// <summary>An open <c>GET /api/v1/events</c>: the response and a reader over its body.</summary>
internal sealed class EventStreamClient : IDisposable
{
    private readonly HttpResponseMessage response;

    private EventStreamClient(HttpResponseMessage response, SseReader reader)
    {
        this.response = response;
        Reader = reader;
    }

    public SseReader Reader { get; }

    /// <summary>
    /// Opens the stream and reads its retry hint: once that arrived, the stream's start position is fixed, so what
    /// the test does next is in it.
    /// </summary>
    public static async Task<EventStreamClient> OpenAsync(ApiDaemon api, string query = "", long? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events" + query);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            // Only a refusal has a body that ends; a stream's is read below.
            Assert.Fail($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var first = await reader.NextAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(first?.Retry);
        return new EventStreamClient(response, reader);
    }

    public void Dispose()
    {
        Reader.Dispose();
        response.Dispose();
    }
}
