using System.Net;
using System.Text.Json;
using Baton.EndToEnd.Tests.Api;

namespace Baton.EndToEnd.Tests.Stats;

/// <summary>GET /api/v1/stats and <c>baton stats</c> against a real daemon after real command tasks: one that succeeds, two that exit 3.</summary>
public sealed class StatsApiTests : IAsyncLifetime
{
    private ApiDaemon api = null!;

    public async Task InitializeAsync()
    {
        api = await ApiDaemon.StartAsync(workers: 2);
        foreach (var script in new[] { "true", "exit 3", "exit 3" })
        {
            var body = api.Shell(script, name: "stats-" + (script == "true" ? "ok" : "bad"));
            body["max_retries"] = 0;
            await api.WaitEndedAsync(await api.CreateAsync(body), TimeSpan.FromSeconds(30));
        }
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task GetStats_ByRunner_CountsRunsAndGroupsFailuresByKind()
    {
        var stats = await api.GetJsonAsync("/api/v1/stats?since=1d&by=runner");

        var total = stats.GetProperty("total");
        Assert.Equal((3, 1, 2), (total.GetProperty("runs").GetInt32(), total.GetProperty("succeeded").GetInt32(), total.GetProperty("failed").GetInt32()));
        Assert.Equal(0.3333, total.GetProperty("success_rate").GetDouble());
        Assert.True(total.GetProperty("duration_ms").GetProperty("p50").GetInt64() >= 0, total.ToString());
        Assert.Equal("runner", stats.GetProperty("by").GetString());
        var command = Assert.Single(stats.GetProperty("groups").EnumerateArray());
        Assert.Equal(("command", 3), (command.GetProperty("key").GetString(), command.GetProperty("runs").GetInt32()));
        var mode = Assert.Single(stats.GetProperty("failure_modes").EnumerateArray());
        Assert.Equal(("exit_code_3", 2), (mode.GetProperty("kind").GetString(), mode.GetProperty("count").GetInt32()));
        Assert.Equal("the program ended with exit code 3", mode.GetProperty("example_error").GetString());
    }

    [Fact]
    public async Task GetStats_BadParameters_ProblemNamesTheField()
    {
        using var since = await api.Http.GetAsync("/api/v1/stats?since=forever");
        using var by = await api.Http.GetAsync("/api/v1/stats?by=colour");

        Assert.Equal(HttpStatusCode.BadRequest, since.StatusCode);
        Assert.Equal("since", (await ApiDaemon.ReadAsync(since)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, by.StatusCode);
        Assert.Equal("by", (await ApiDaemon.ReadAsync(by)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task StatsCommand_JsonAndText_SameFiguresAsTheApi()
    {
        var json = await api.Home.RunAsync("stats", "--since", "1d", "--by", "day", "--json");
        var text = await api.Home.RunAsync("stats", "--since", "1d");
        var bad = await api.Home.RunAsync("stats", "--by", "colour");

        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Stdout);
        var day = Assert.Single(document.RootElement.GetProperty("groups").EnumerateArray());
        Assert.Equal(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), day.GetProperty("key").GetString());
        Assert.Equal(3, day.GetProperty("runs").GetInt32());
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("exit_code_3", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("33.3%", text.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, bad.ExitCode);
    }
}
