using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Api;

namespace Baton.EndToEnd.Tests.Notifications;

/// <summary>REST: GET never marks, POST take marks, milestones, and bad input answered with problem details naming the field.</summary>
public sealed class NotificationsApiTests : IAsyncLifetime
{
    private ApiDaemon api = null!;

    public async Task InitializeAsync() => api = await ApiDaemon.StartAsync(workers: 1);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Take_AfterATaskAndAMilestone_GetDoesNotMarkAndTakeMarksOnce()
    {
        var id = await api.CreateAsync(api.Shell("echo hi", name: "greet"));
        await api.WaitEndedAsync(id, TimeSpan.FromSeconds(60));
        using (var milestone = await api.PostAsync("/api/v1/milestones", new JsonObject { ["task_id"] = id, ["message"] = "all done" }))
        {
            Assert.Equal(HttpStatusCode.Created, milestone.StatusCode);
            Assert.Equal("milestone", (await ApiDaemon.ReadAsync(milestone)).GetProperty("type").GetString());
        }

        var listed = await api.GetJsonAsync("/api/v1/notifications");
        var listedAgain = await api.GetJsonAsync("/api/v1/notifications?unread_only=true&limit=100");
        using var take = await api.PostAsync("/api/v1/notifications/take", new JsonObject { ["limit"] = 10 });
        var taken = await ApiDaemon.ReadAsync(take);
        using var takeAgain = await api.PostAsync("/api/v1/notifications/take", "{}");

        Assert.Equal(["milestone", "task_complete"], Types(listed));
        Assert.Equal(["milestone", "task_complete"], Types(listedAgain));
        Assert.Equal(HttpStatusCode.OK, take.StatusCode);
        Assert.Equal(["milestone", "task_complete"], Types(taken));
        Assert.All(taken.GetProperty("notifications").EnumerateArray(), n => Assert.Equal(JsonValueKind.String, n.GetProperty("delivered_at").ValueKind));
        Assert.Equal(0, (await ApiDaemon.ReadAsync(takeAgain)).GetProperty("count").GetInt32());
        Assert.Equal(2, (await api.GetJsonAsync("/api/v1/notifications?unread_only=false")).GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/notifications?limit=0", HttpStatusCode.UnprocessableEntity, "limit")]
    [InlineData("/api/v1/notifications?limit=ten", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/api/v1/notifications?unread_only=maybe", HttpStatusCode.BadRequest, "unread_only")]
    public async Task List_BadQuery_ProblemNamesTheParameter(string path, HttpStatusCode status, string field)
    {
        using var response = await api.Http.GetAsync(path);

        await AssertProblemAsync(response, status, field);
    }

    [Theory]
    [InlineData("""{"limit": 101}""", HttpStatusCode.UnprocessableEntity, "limit")]
    [InlineData("""{"limit": "5"}""", HttpStatusCode.BadRequest, "limit")]
    [InlineData("""{"peek": true}""", HttpStatusCode.BadRequest, "peek")]
    public async Task Take_BadBody_ProblemNamesTheField(string body, HttpStatusCode status, string field)
    {
        using var response = await api.PostAsync("/api/v1/notifications/take", body);

        await AssertProblemAsync(response, status, field);
    }

    [Theory]
    [InlineData("""{"task_id": "abcdef123456", "message": ""}""", HttpStatusCode.UnprocessableEntity, "message")]
    [InlineData("""{"message": "hello"}""", HttpStatusCode.UnprocessableEntity, "task_id")]
    public async Task Milestone_BadBody_ProblemNamesTheField(string body, HttpStatusCode status, string field)
    {
        using var response = await api.PostAsync("/api/v1/milestones", body);

        await AssertProblemAsync(response, status, field);
    }

    [Fact]
    public async Task Milestone_TooLong_IsRefusedWithTheLimit()
    {
        using var response = await api.PostAsync("/api/v1/milestones", new JsonObject { ["task_id"] = "abcdef123456", ["message"] = new string('x', 4097) });

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "message");
        Assert.Contains("the limit is 4096", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Milestone_UnknownTask_IsNotFound()
    {
        using var response = await api.PostAsync("/api/v1/milestones", new JsonObject { ["task_id"] = "abcdef123456", ["message"] = "hi" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no task with id 'abcdef123456'", (await ApiDaemon.ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static List<string?> Types(JsonElement list) =>
        [.. list.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("type").GetString())];

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var problem = await ApiDaemon.ReadAsync(response);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {problem}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        return problem;
    }
}
