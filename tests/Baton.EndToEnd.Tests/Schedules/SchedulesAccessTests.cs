using System.Net;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Access;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Schedules;

/// <summary>Where tokens are required, a read token lists and reads schedules but changes none (403 saying which scope it needs).</summary>
public sealed class SchedulesAccessTests : IAsyncLifetime
{
    private ApiDaemon api = null!;
    private string reader = null!;
    private string writer = null!;

    public async Task InitializeAsync()
    {
        var home = new BatonHome();
        home.RequireTokens();
        reader = await home.CreateTokenAsync("dashboard", "read");
        writer = await home.CreateTokenAsync("lead", "write");
        api = await ApiDaemon.StartOnAsync(home, workers: 1);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task ReadToken_ReadsSchedulesButCannotAddRemovePauseResumeOrTrigger()
    {
        var body = new JsonObject { ["name"] = "hourly", ["cron"] = "@hourly", ["task"] = api.Shell("true", "hourly") }.ToJsonString();
        using (var created = await api.Http.SendAsync(HttpMethod.Post, "/api/v1/schedules", writer, body))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        foreach (var path in new[] { "/api/v1/schedules", "/api/v1/schedules/hourly", "/api/v1/schedules/hourly/history", "/api/v1/schedules/hourly/next" })
        {
            using var read = await api.Http.SendAsync(HttpMethod.Get, path, reader);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)read.StatusCode}");
        }

        var other = new JsonObject { ["name"] = "other", ["cron"] = "@hourly", ["task"] = api.Shell("true", "other") }.ToJsonString();
        foreach (var (method, path, json) in new[]
        {
            (HttpMethod.Post, "/api/v1/schedules", other),
            (HttpMethod.Delete, "/api/v1/schedules/hourly", null),
            (HttpMethod.Post, "/api/v1/schedules/hourly/pause", "{}"),
            (HttpMethod.Post, "/api/v1/schedules/hourly/resume", "{}"),
            (HttpMethod.Post, "/api/v1/schedules/hourly/trigger", "{}"),
        })
        {
            using var refused = await api.Http.SendAsync(method, path, reader, json);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)refused.StatusCode}");
            Assert.Contains("needs a token with scope write or admin", (await refused.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var list = await api.Http.SendAsync(HttpMethod.Get, "/api/v1/schedules", writer);
        var schedules = (await ApiDaemon.ReadAsync(list)).GetProperty("schedules").EnumerateArray().ToList();
        Assert.Equal(["hourly"], schedules.Select(s => s.GetProperty("name").GetString()));
        Assert.False(schedules[0].GetProperty("paused").GetBoolean());
        using var history = await api.Http.SendAsync(HttpMethod.Get, "/api/v1/schedules/hourly/history", writer);
        Assert.Equal(0, (await ApiDaemon.ReadAsync(history)).GetProperty("occurrences").GetArrayLength());
    }
}
