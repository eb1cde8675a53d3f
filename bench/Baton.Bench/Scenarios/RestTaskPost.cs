using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Baton.Bench.Infrastructure;

namespace Baton.Bench.Scenarios;

/// <summary>Queues a /bin/true command task with <c>POST /api/v1/tasks</c>, as the event scenarios need it: the new task's id.</summary>
internal static class RestTaskPost
{
    /// <summary>The request body, built once per scenario: <c>{"command": ["/bin/true"], "working_directory", "name"}</c>.</summary>
    public static byte[] Body(string workingDirectory, string name)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("command");
            json.WriteStringValue(BenchTasks.TrueProgram);
            json.WriteEndArray();
            json.WriteString("working_directory", workingDirectory);
            json.WriteString("name", name);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Posts <paramref name="body"/>, checks the 201 and returns its <c>task_id</c>.</summary>
    public static async Task<string> SendAsync(RestDaemon rest, byte[] body, CancellationToken cancellationToken = default)
    {
        var reply = await rest.SendAsync(() => Request(body), HttpStatusCode.Created, cancellationToken);
        using var document = JsonDocument.Parse(reply);
        return document.RootElement.GetProperty("task_id").GetString()
            ?? throw new InvalidOperationException($"POST /api/v1/tasks answered 201 without a task_id: {reply}");
    }

    private static HttpRequestMessage Request(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = content };
    }
}
