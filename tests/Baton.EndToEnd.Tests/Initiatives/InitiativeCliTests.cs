using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Initiatives;

/// <summary>Initiatives through the CLI: a file checked before anything is created, step by step, status, list and archive.</summary>
public sealed class InitiativeCliTests : IAsyncLifetime
{
    private readonly BatonHome home = new();

    public async Task InitializeAsync() => await GitRepository.InitAsync(home.Work);

    public Task DisposeAsync()
    {
        home.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_BrokenFile_ExitsTwoWithFileLineAndProblemAndCreatesNothing()
    {
        var file = Path.Combine(home.Work, "plan.yaml");
        await File.WriteAllTextAsync(file, InitiativeFiles.Shop().Replace("depends_on: [api]", "depends_on: [payments]", StringComparison.Ordinal));

        var result = await home.RunAsync("initiative", "run", "plan.yaml", "--no-start");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("plan.yaml:14: stream 'ui' depends on 'payments', which is not a stream of this initiative", result.Stderr, StringComparison.Ordinal);
        var list = await home.RunAsync("initiative", "list", "--all", "--json");
        Assert.Equal(0, list.Json.GetProperty("initiatives").GetArrayLength());
    }

    [Fact]
    public async Task Run_Cycle_PrintsTheCycle()
    {
        var file = Path.Combine(home.Work, "plan.yaml");
        await File.WriteAllTextAsync(file, InitiativeFiles.Shop().Replace("    name: API\n", "    name: API\n    depends_on: [ui]\n", StringComparison.Ordinal));

        var result = await home.RunAsync("initiative", "run", "plan.yaml", "--no-start");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Matches("streams depend on each other in a cycle: (api → ui → api|ui → api → ui)", result.Stderr);
    }

    [Fact]
    public async Task Create_NotAGitRepository_RefusedSayingSo()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(home.Dir, "plain")).FullName;

        var result = await home.RunAsync("initiative", "create", "--name", "shop", "--repo", elsewhere);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("is not inside a git repository", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateStepByStep_StatusShowsEveryStreamWithItsTasksBranchesAndDraft()
    {
        var created = await home.RunAsync("initiative", "create", "--name", "shop", "--repo", home.Work, "--base", "main");
        Assert.True(created.ExitCode == 0, created.ToString());
        var id = created.Stdout.Trim();
        Assert.StartsWith("ini_", id, StringComparison.Ordinal);
        await Ok("stream", "add", "shop", "--id", "core", "--name", "Shared types", "--phase", "foundation");
        await Ok("stream", "add", "shop", "--id", "api", "--phase", "parallel", "--depends-on", "core");
        await Ok("stream", "add-task", "shop", "core", "--", "sh", "-c", "echo core");
        await Ok("stream", "add-task", "shop", "core", "--name", "second", "--", "true");
        await Ok("stream", "add-task", id, "api", "--", "true");

        var duplicate = await home.RunAsync("initiative", "create", "--name", "shop", "--repo", home.Work);
        var unknown = await home.RunAsync("stream", "add", "shop", "--id", "ui", "--phase", "parallel", "--depends-on", "web");
        var status = await home.RunAsync("initiative", "status", "shop", "--json");

        Assert.True(duplicate.ExitCode != 0 && duplicate.Stderr.Contains("an initiative named 'shop' exists already", StringComparison.Ordinal), duplicate.ToString());
        Assert.True(unknown.ExitCode == 2 && unknown.Stderr.Contains("depends on 'web', which is not a stream of shop", StringComparison.Ordinal), unknown.ToString());
        var json = status.Json;
        Assert.Equal((id, "shop", "draft", "main"), (json.GetProperty("id").GetString(), json.GetProperty("name").GetString(), json.GetProperty("status").GetString(), json.GetProperty("base").GetString()));
        var streams = json.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(["core", "api"], streams.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal([2, 1], streams.Select(s => s.GetProperty("total_tasks").GetInt32()));
        Assert.Equal(["baton/shop/integration", "baton/shop/api"], streams.Select(s => s.GetProperty("branch").GetString()));
        Assert.Equal(["pending", "blocked"], streams.Select(s => s.GetProperty("status").GetString()));
        var text = await home.RunAsync("initiative", "status", "shop");
        Assert.Contains("Shared types", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("0/2", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_Draft_LeavesListUntilUnarchived()
    {
        var created = await home.RunAsync("initiative", "create", "--name", "shop", "--repo", home.Work);
        Assert.True(created.ExitCode == 0, created.ToString());

        await Ok("initiative", "archive", "shop");
        var hidden = await home.RunAsync("initiative", "list", "--json");
        var all = await home.RunAsync("initiative", "list", "--all", "--json");
        var start = await home.RunAsync("initiative", "start", "shop", "--no-start");
        await Ok("initiative", "unarchive", "shop");
        var back = await home.RunAsync("initiative", "list", "--json");

        Assert.Equal(0, hidden.Json.GetProperty("initiatives").GetArrayLength());
        Assert.Equal(1, all.Json.GetProperty("initiatives").GetArrayLength());
        Assert.Contains("is archived", start.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, back.Json.GetProperty("initiatives").GetArrayLength());
    }

    [Fact]
    public async Task Run_ValidFile_EveryStreamCompletesAndStatusShowsIt()
    {
        await File.WriteAllTextAsync(Path.Combine(home.Work, "plan.yaml"), InitiativeFiles.Shop());
        using var daemon = await home.StartDaemonAsync(workers: 2);

        var run = await home.RunAsync("initiative", "run", "plan.yaml");

        Assert.True(run.ExitCode == 0, run.ToString());
        var id = run.Stdout.Trim();
        // Watching follows the workflow's events and returns once the initiative ended, its last view saying so.
        var watched = await home.RunAsync(["initiative", "status", id, "--watch", "--json"], TimeSpan.FromSeconds(90));
        Assert.True(watched.ExitCode == 0, watched.ToString());
        var views = watched.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("completed", System.Text.Json.JsonDocument.Parse(views[^1]).RootElement.GetProperty("status").GetString());
        var status = (await home.RunAsync("initiative", "status", id, "--json")).Json;
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.All(status.GetProperty("streams").EnumerateArray(), s =>
        {
            Assert.Equal("completed", s.GetProperty("status").GetString());
            Assert.Equal(s.GetProperty("total_tasks").GetInt32(), s.GetProperty("completed_tasks").GetInt32());
            Assert.Equal(100.0, s.GetProperty("progress_percentage").GetDouble());
        });
        var again = await home.RunAsync("initiative", "start", id);
        Assert.Contains("started already", again.Stderr, StringComparison.Ordinal);
    }

    private async Task Ok(params string[] args)
    {
        var result = await home.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result}");
    }
}
