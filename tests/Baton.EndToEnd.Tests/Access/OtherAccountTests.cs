using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Access;

/// <summary>
/// Another account on the same machine, made for the test: it can neither use the owner's daemon over loopback
/// HTTP (but /health) nor read its files, until the owner explicitly opens loopback.
/// </summary>
public sealed class OtherAccountTests
{
    private const string NeedsRoot = "making a second account needs root (CI runs as root)";

    [SkippableFact]
    public async Task OtherAccount_OverHttp_RefusedOnEveryRouteButHealthAndNothingQueued()
    {
        Skip.IfNot(LocalAccount.CanCreate, NeedsRoot);
        await using var account = await LocalAccount.CreateAsync();
        using var home = new BatonHome();
        await home.StartDaemonAsync(workers: 1);
        var port = await home.PortAsync();

        var list = await account.HttpStatusAsync(port, "GET", "/api/v1/tasks");
        var create = await account.HttpStatusAsync(port, "POST", "/api/v1/tasks", home.CommandTask("intruder"));
        var events = await account.HttpStatusAsync(port, "GET", "/api/v1/events?after=0");
        var mcp = await account.HttpStatusAsync(port, "POST", "/mcp", AccessSteps.McpInitialize);
        var health = await account.HttpStatusAsync(port, "GET", "/health");
        var inbox = await account.HttpStatusAsync(port, "GET", "/api/v1/interactions");
        var respond = await account.HttpStatusAsync(port, "POST", "/api/v1/interactions/in_abcdefabcdef/respond", "{\"decision\":\"approve\"}");
        var session = await account.HttpStatusAsync(port, "GET", "/api/v1/session");
        var share = await account.HttpStatusAsync(port, "POST", "/api/v1/shares", "{\"task_id\":\"abcdefabcdef\"}");
        var shares = await account.HttpStatusAsync(port, "GET", "/api/v1/shares");
        var page = await account.HttpStatusAsync(port, "GET", "/");
        var metrics = await account.HttpStatusAsync(port, "GET", "/metrics");
        var stats = await account.HttpStatusAsync(port, "GET", "/api/v1/stats");
        var schedules = await account.HttpStatusAsync(port, "GET", "/api/v1/schedules");
        var schedule = await account.HttpStatusAsync(port, "POST", "/api/v1/schedules", "{\"name\":\"intruder\",\"every\":\"1m\",\"task\":{\"command\":[\"true\"]}}");
        var sessions = await account.HttpStatusAsync(port, "GET", "/api/v1/sessions");
        var capsules = await account.HttpStatusAsync(port, "GET", "/api/v1/tasks/abcdefabcdef/capsules");
        var fork = await account.HttpStatusAsync(port, "POST", "/api/v1/tasks/abcdefabcdef/fork", "{\"prompt\":\"again\"}");
        var handoff = await account.HttpStatusAsync(port, "POST", "/api/v1/tasks/abcdefabcdef/handoff", "{\"to\":\"reviewer\"}");
        var initiatives = await account.HttpStatusAsync(port, "GET", "/api/v1/initiatives");
        var initiative = await account.HttpStatusAsync(port, "POST", "/api/v1/initiatives", "{\"name\":\"intruder\",\"repository\":\"/tmp\"}");
        var start = await account.HttpStatusAsync(port, "POST", "/api/v1/initiatives/intruder/start");
        var streams = await account.HttpStatusAsync(port, "GET", "/api/streams");
        var stream = await account.HttpStatusAsync(port, "GET", "/api/streams/core");
        using var http = await home.HttpClientAsync();
        using var owner = await http.SendAsync(HttpMethod.Get, "/api/v1/tasks");

        Assert.Equal((401, 401, 401, 401, 401), (initiatives, initiative, start, streams, stream));
        Assert.Equal((401, 401, 401, 401, 200), (list, create, events, mcp, health));
        Assert.Equal((401, 401), (inbox, respond));
        // The dashboard's page holds no data; everything it shows comes from routes that refuse this account.
        Assert.Equal((401, 401, 401, 200), (session, share, shares, page));
        Assert.Equal((401, 401, 401, 401), (metrics, stats, schedules, schedule));
        Assert.Equal((401, 401, 401, 401), (sessions, capsules, fork, handoff));
        Assert.Equal(System.Net.HttpStatusCode.OK, owner.StatusCode);
        var queued = await home.RunAsync("task", "list", "--json");
        Assert.Equal(0, queued.Json.GetArrayLength());
    }

    [SkippableFact]
    public async Task OtherAccount_AllowOtherUsersSet_Served()
    {
        Skip.IfNot(LocalAccount.CanCreate, NeedsRoot);
        await using var account = await LocalAccount.CreateAsync();
        using var home = new BatonHome();
        home.Configure("allow_other_users", true);
        await home.StartDaemonAsync(workers: 1);

        var list = await account.HttpStatusAsync(await home.PortAsync(), "GET", "/api/v1/tasks");

        Assert.Equal(200, list);
    }

    [SkippableFact]
    public async Task OtherAccount_LooseDataDirectory_TightenedAndUnreadable()
    {
        Skip.IfNot(LocalAccount.CanCreate, NeedsRoot);
        await using var account = await LocalAccount.CreateAsync();
        using var home = new BatonHome();
        File.SetUnixFileMode(home.Dir, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(home.Dir, "baton.json"), (UnixFileMode)0b110_100_100);
        await home.StartDaemonAsync(workers: 1);
        var id = await home.AddAsync("--env", "API_KEY=sk-secret", "--", "sh", "-c", "echo $API_KEY is private");
        await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(30));

        var database = await account.ShellAsync($"cat '{home.DatabasePath}'");
        var log = await account.ShellAsync($"cat '{home.Dir}'/logs/*/1.log");
        var listing = await account.ShellAsync($"ls '{home.Dir}'");

        Assert.NotEqual(0, database.Exit);
        Assert.Contains("Permission denied", database.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, log.Exit);
        Assert.NotEqual(0, listing.Exit);
        FileModes.AssertPrivate(home.Dir);
    }
}
