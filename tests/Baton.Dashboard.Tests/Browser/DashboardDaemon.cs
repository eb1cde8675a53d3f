using Baton.EndToEnd.Tests.Harness;
using Microsoft.Playwright;

namespace Baton.Dashboard.Tests.Browser;

/// <summary>
/// A real daemon in a fresh home, and the way a person reaches its dashboard: signed in through the one-time link of
/// `baton dashboard --print` when the executable has it, else as the loopback owner (admitted without a cookie).
/// </summary>
internal sealed class DashboardDaemon : IAsyncDisposable
{
    private DashboardDaemon(BatonHome home, DaemonProcess daemon, string baseUrl)
    {
        Home = home;
        Daemon = daemon;
        BaseUrl = baseUrl.TrimEnd('/');
    }

    /// <summary>How long a page may take to show what the daemon already knows.</summary>
    public static readonly TimeSpan Shown = TimeSpan.FromSeconds(10);

    public BatonHome Home { get; }

    public DaemonProcess Daemon { get; }

    /// <summary>http://127.0.0.1:PORT (no trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>Starts a daemon in a fresh home; <paramref name="prepare"/> runs first (to seed its store, say).</summary>
    public static async Task<DashboardDaemon> StartAsync(int workers = 4, IReadOnlyDictionary<string, string>? environment = null, Func<BatonHome, Task>? prepare = null)
    {
        var home = new BatonHome(environment: environment);
        try
        {
            if (prepare is not null)
            {
                await prepare(home);
            }

            var daemon = await home.StartDaemonAsync(workers);
            return new DashboardDaemon(home, daemon, await DaemonUrl.ReadAsync(home));
        }
        catch
        {
            home.Dispose();
            throw;
        }
    }

    /// <summary>Signs the page's context in and opens the dashboard at a hash route (`#/`, `#/workflows/ID`...).</summary>
    public async Task<IPage> OpenAsync(IPage page, string route = "#/")
    {
        await SignInAsync(page);
        await GotoAsync(page, "/" + route);
        await Assertions.Expect(page.GetByTestId("conn-state")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = (float)Shown.TotalMilliseconds });
        return page;
    }

    /// <summary>Opens a path of the daemon (`/share/TOKEN`) as the page's context stands, signed in or not.</summary>
    public async Task GotoAsync(IPage page, string pathAndQuery)
    {
        var response = await page.GotoAsync(BaseUrl + pathAndQuery, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.True(response is null || response.Ok, $"GET {pathAndQuery}: HTTP {response?.Status}");
    }

    /// <summary>Gives the page's context a browser session through a one-time link, as `baton dashboard` does.</summary>
    public async Task SignInAsync(IPage page)
    {
        var result = await Home.RunAsync("dashboard", "--print");
        if (result.ExitCode != 0
            && (result.Stderr.Contains("'dashboard' is not a baton command", StringComparison.Ordinal) || result.Stderr.Contains("for 'baton'", StringComparison.Ordinal)))
        {
            // An executable without the command: the loopback owner is admitted without a session.
            return;
        }

        Assert.True(result.ExitCode == 0, result.ToString());
        var link = result.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Single(line => line.StartsWith("http", StringComparison.Ordinal));
        var response = await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.True(response is null || response.Ok, $"the one-time link answered HTTP {response?.Status}");
    }

    /// <summary>Signs the page's context in with a new read-scoped token, as a person pasting it into the sign-in form would be.</summary>
    public async Task SignInReadOnlyAsync(IPage page)
    {
        var created = await Home.RunAsync("token", "create", "--name", "viewer", "--scope", "read", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        await page.GotoAsync(BaseUrl + "/health");
        var status = await page.EvaluateAsync<int>(
            "async token => (await fetch('/auth/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) })).status",
            created.Json.GetProperty("token").GetString());
        Assert.Equal(204, status);
    }

    /// <summary>Runs a workflow file written into the home's work folder and returns the workflow's id.</summary>
    public async Task<string> RunWorkflowAsync(string yaml)
    {
        var path = System.IO.Path.Combine(Home.Work, $"workflow-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, yaml);
        var result = await Home.RunAsync(["workflow", "run", path, "--json"], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json.GetProperty("workflow_id").GetString()!;
    }

    /// <summary>GET /api/v1/workflows/{id} as the loopback owner.</summary>
    public async Task<System.Text.Json.JsonElement> WorkflowAsync(string id)
    {
        var result = await Home.RunAsync("workflow", "status", id, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json;
    }

    public async ValueTask DisposeAsync()
    {
        Home.Dispose();
        await ValueTask.CompletedTask;
    }
}
