using System.Net;
using Baton.Core.Interactions;
using Baton.EndToEnd.Tests.Access;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Interactions;

/// <summary>
/// Where tokens are required, a read token lists and reads interactions but answers nothing and steers no task (403
/// saying which scope it needs); a write token's answer records the token's name.
/// </summary>
public sealed class InteractionsAccessTests : IAsyncLifetime
{
    private ApiDaemon api = null!;
    private InteractionStoreClient store = null!;
    private string reader = null!;
    private string writer = null!;

    public async Task InitializeAsync()
    {
        var home = new BatonHome();
        home.RequireTokens();
        reader = await home.CreateTokenAsync("dashboard", "read");
        writer = await home.CreateTokenAsync("lead", "write");
        api = await ApiDaemon.StartOnAsync(home, workers: 2);
        store = await InteractionStoreClient.OpenAsync(home.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await api.DisposeAsync();
    }

    [Fact]
    public async Task ReadToken_ListsAndReadsButCannotAnswerOrSteer_AndAWriteTokensAnswerRecordsItsName()
    {
        using var created = await api.Http.SendAsync(HttpMethod.Post, "/api/v1/tasks", writer, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = "waits", ["command"] = new[] { "sleep", "30" }, ["working_directory"] = api.Home.Work }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var taskId = (await ApiDaemon.ReadAsync(created)).GetProperty("task_id").GetString()!;
        var opened = await store.OpenOnRunningAsync(taskId, InteractionStoreClient.Approval());

        using var list = await api.Http.SendAsync(HttpMethod.Get, "/api/v1/interactions", reader);
        using var get = await api.Http.SendAsync(HttpMethod.Get, $"/api/v1/interactions/{opened.Id}", reader);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        foreach (var (path, json) in new[]
        {
            ($"/api/v1/interactions/{opened.Id}/respond", """{"decision": "approve"}"""),
            ($"/api/v1/tasks/{taskId}/intervene", """{"message": "hi"}"""),
            ($"/api/v1/tasks/{taskId}/pause", "{}"),
            ($"/api/v1/tasks/{taskId}/resume", "{}"),
            ($"/api/v1/tasks/{taskId}/priority", """{"priority": "high"}"""),
        })
        {
            using var refused = await api.Http.SendAsync(HttpMethod.Post, path, reader, json);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)refused.StatusCode}");
            Assert.Contains("needs a token with scope write or admin", (await refused.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(InteractionStatus.Open, (await store.Interactions.GetAsync(opened.Id))!.Status);

        using var answered = await api.Http.SendAsync(HttpMethod.Post, $"/api/v1/interactions/{opened.Id}/respond", writer, """{"decision": "approve"}""");

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("token:lead", (await store.Interactions.GetAsync(opened.Id))!.Response!.RespondedBy);
        using var _ = await api.Http.SendAsync(HttpMethod.Post, $"/api/v1/tasks/{taskId}/cancel", writer, "{}");
    }
}
