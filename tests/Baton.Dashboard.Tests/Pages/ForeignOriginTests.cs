using Baton.Dashboard.Tests.Browser;
using Baton.EndToEnd.Tests.Harness;
using Microsoft.Playwright;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>A page of another site cannot act on the daemon, even though the browser reaches it on loopback.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ForeignOriginTests(BrowserFixture browser)
{
    private const string Foreign = "http://attacker.example";

    [SkippableFact]
    public async Task Cancel_FromAPageOfAnotherOrigin_IsRefusedWhileTheSameRequestFromTheDashboardWorks()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 1);
        var task = await dashboard.Home.AddAsync("--", "sh", "-c", $"while [ ! -f {dashboard.Home.Work}/never ]; do sleep 0.05; done");
        await Eventually.True(async () => (await dashboard.Home.StatusAsync(task)).GetProperty("status").GetString() == "running", TimeSpan.FromSeconds(20), "the task to run");
        // Another site on loopback: the browser's private-network rules let it reach the daemon, so only the daemon's
        // own Origin check is left to refuse it.
        using var site = new ForeignSite();
        var foreign = await browser.NewPageAsync();
        await foreign.GotoAsync($"{site.Origin}/");
        var own = await browser.NewPageAsync();
        await dashboard.GotoAsync(own, "/health");

        // A POST without a body is a "simple" request: the browser sends it without asking first (no CORS preflight),
        // so only the daemon's Origin check stands between the other site and the task.
        const string Cancel = "async (url) => { try { await fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include' }); return 'sent'; } catch (e) { return String(e); } }";
        var sent = await foreign.EvaluateAsync<string>(Cancel, $"{dashboard.BaseUrl}/api/v1/tasks/{task}/cancel");
        var afterForeign = (await dashboard.Home.StatusAsync(task)).GetProperty("status").GetString();
        await own.EvaluateAsync<string>(Cancel, $"{dashboard.BaseUrl}/api/v1/tasks/{task}/cancel");
        var final = await dashboard.Home.WaitTerminalAsync(task, TimeSpan.FromSeconds(20));

        Assert.Equal("sent", sent);
        Assert.Equal("running", afterForeign);
        Assert.Equal("cancelled", final!.Value.GetProperty("status").GetString());
        await foreign.Context.CloseAsync();
        await own.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Post_WithAForeignOriginHeader_IsRefusedWith403()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 1);
        var request = await browser.NewRequestAsync(dashboard.BaseUrl, new Dictionary<string, string> { ["Origin"] = Foreign });

        var foreign = await request.PostAsync("/api/v1/tasks", new APIRequestContextOptions { DataObject = new { command = new[] { "sh", "-c", "echo pwned" }, working_directory = dashboard.Home.Work } });
        var own = await request.PostAsync("/api/v1/tasks", new APIRequestContextOptions
        {
            DataObject = new { command = new[] { "sh", "-c", "echo mine" }, working_directory = dashboard.Home.Work },
            Headers = new Dictionary<string, string> { ["Origin"] = dashboard.BaseUrl },
        });

        Assert.Equal(403, foreign.Status);
        Assert.True(own.Status == 201, $"{own.Status}: {await own.TextAsync()}");
        await request.DisposeAsync();
    }
}
