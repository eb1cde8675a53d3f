using System.Net;
using System.Text.Json.Nodes;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>Fork and handoff over real HTTP: the routes, their validation and their problem details.</summary>
public sealed class SessionHandoffApiTests : IAsyncLifetime
{
    private ApiDaemon api = null!;

    public async Task InitializeAsync() => api = await ApiDaemon.StartAsync(workers: 1);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Fork_CommandTask_422SayingThereIsNoAgentSession()
    {
        var id = await api.CreateAsync(api.Shell("true", "plain"));

        using var response = await api.PostAsync($"/api/v1/tasks/{id}/fork", new JsonObject { ["prompt"] = "again" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("runs a command, not an agent; there is no agent session to fork", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fork_WithoutAPrompt_422NamingTheField()
    {
        var id = await api.CreateAsync(api.Shell("true", "plain"));

        using var response = await api.PostAsync($"/api/v1/tasks/{id}/fork", new JsonObject());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("prompt is required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handoff_UnknownTask_404()
    {
        using var response = await api.PostAsync("/api/v1/tasks/777777777777/handoff", new JsonObject { ["to"] = "reviewer" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_ForkAndHandoff_NamedAndDescribed()
    {
        var document = await api.Http.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"operationId\": \"ForkTask\"", document, StringComparison.Ordinal);
        Assert.Contains("\"operationId\": \"HandOffTask\"", document, StringComparison.Ordinal);
    }
}
