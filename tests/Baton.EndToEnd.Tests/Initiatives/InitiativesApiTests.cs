using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Access;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Initiatives;

/// <summary>
/// Initiatives over REST: created from YAML text or JSON under /api/v1/initiatives, and their streams under Task
/// Copilot's /api/streams with its field names, read by its own generated start-streams.py.
/// </summary>
public sealed class InitiativesApiTests : IAsyncLifetime
{
    private ApiDaemon api = null!;

    public async Task InitializeAsync()
    {
        api = await ApiDaemon.StartAsync(workers: 1);
        await GitRepository.InitAsync(api.Home.Work);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Create_FromYamlSource_201WithStreamsAndLocation()
    {
        using var response = await api.PostAsync("/api/v1/initiatives", new JsonObject
        {
            ["source"] = InitiativeFiles.Shop(),
            ["source_name"] = "plan.yaml",
            ["repository"] = api.Home.Work,
        });

        var json = await ApiDaemon.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        var id = json.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/initiatives/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(("shop", "draft"), (json.GetProperty("name").GetString(), json.GetProperty("status").GetString()));
        Assert.Equal(["core", "api", "ui", "docs"], json.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var byName = await api.GetJsonAsync("/api/v1/initiatives/shop");
        Assert.Equal(id, byName.GetProperty("id").GetString());
        var list = await api.GetJsonAsync("/api/v1/initiatives");
        Assert.Equal([id], list.GetProperty("initiatives").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Create_FromJson_BrokenRuleIs422AndNameTakenIs409()
    {
        JsonObject Body(string phase) => new()
        {
            ["name"] = "shop",
            ["repository"] = api.Home.Work,
            ["streams"] = new JsonArray(new JsonObject { ["id"] = "core", ["phase"] = phase, ["tasks"] = new JsonArray(new JsonObject { ["command"] = new JsonArray("true") }) }),
        };

        using var broken = await api.PostAsync("/api/v1/initiatives", Body("parallel"));
        using var created = await api.PostAsync("/api/v1/initiatives", Body("foundation"));
        using var taken = await api.PostAsync("/api/v1/initiatives", Body("foundation"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        Assert.Contains("no foundation stream", (await broken.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
    }

    [Fact]
    public async Task Streams_SeedRoutes_CamelCaseFieldsAnd404ForAnUnknownStream()
    {
        await CreateShopAsync();

        var list = await api.GetJsonAsync("/api/streams");
        var api1 = await api.GetJsonAsync("/api/streams/ui");
        using var unknown = await api.Http.GetAsync("/api/streams/payments");

        Assert.Equal("shop", list.GetProperty("initiative").GetProperty("name").GetString());
        Assert.Equal(["core", "api", "ui", "docs"], list.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("streamId").GetString()));
        Assert.Equal(("ui", "UI", "parallel"), (api1.GetProperty("streamId").GetString(), api1.GetProperty("streamName").GetString(), api1.GetProperty("streamPhase").GetString()));
        Assert.Equal((1, 0, 0, 0.0), (api1.GetProperty("totalTasks").GetInt32(), api1.GetProperty("completedTasks").GetInt32(),
            api1.GetProperty("inProgressTasks").GetInt32(), api1.GetProperty("progressPercentage").GetDouble()));
        Assert.Equal(["core", "api"], api1.GetProperty("dependencies").EnumerateArray().Select(d => d.GetString()));
        Assert.True(api1.TryGetProperty("worktreePath", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task StartStreamsPy_GetStreamStatus_ParsesEveryStreamAndNoneForAnUnknownOne()
    {
        await CreateShopAsync();
        var config = Path.Combine(api.Home.Dir, "orchestration-config.json");
        await File.WriteAllTextAsync(config, """{"version": "1.0", "streams": [], "executionPlan": {}}""");
        var driver = Path.Combine(AppContext.BaseDirectory, "Initiatives", "TaskCopilot", "poll_streams.py");

        var output = await PythonAsync(driver, api.Http.BaseAddress!.ToString().TrimEnd('/'), config, "core", "api", "ui", "docs", "payments");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(lines[0].GetProperty("healthy").GetBoolean());
        var streams = lines.Skip(1).Take(4).ToList();
        Assert.All(streams, s => Assert.Equal(JsonValueKind.Object, s.ValueKind));
        Assert.Equal(["core", "api", "ui", "docs"], streams.Select(s => s.GetProperty("stream_id").GetString()));
        Assert.Equal(["foundation", "parallel", "parallel", "integration"], streams.Select(s => s.GetProperty("stream_phase").GetString()));
        Assert.Equal([2, 1, 1, 1], streams.Select(s => s.GetProperty("total_tasks").GetInt32()));
        Assert.Equal(["Shared types", "API", "UI", "Docs"], streams.Select(s => s.GetProperty("stream_name").GetString()));
        Assert.Equal(JsonValueKind.Null, lines[5].ValueKind);
    }

    private async Task CreateShopAsync()
    {
        using var response = await api.PostAsync("/api/v1/initiatives", new JsonObject { ["source"] = InitiativeFiles.Shop(), ["repository"] = api.Home.Work });
        Assert.True(response.StatusCode == HttpStatusCode.Created, (await ApiDaemon.ReadAsync(response)).ToString());
    }

    private static async Task<string> PythonAsync(params string[] args)
    {
        var start = new ProcessStartInfo("python3", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEndAsync();
        var error = python.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await python.WaitForExitAsync(timeout.Token);
        Assert.True(python.ExitCode == 0, $"python3 exited {python.ExitCode}: {await error}");
        return await output;
    }
}
