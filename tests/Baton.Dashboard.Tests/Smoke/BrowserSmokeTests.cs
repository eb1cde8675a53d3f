using Baton.Dashboard.Tests.Browser;

namespace Baton.Dashboard.Tests.Smoke;

/// <summary>The browser reaches a real daemon and its REST API from a page of the daemon's own origin.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserSmokeTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task TaskList_FetchedFromThePagesOrigin_IsAdmitted()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 1);
        var page = await browser.NewPageAsync();
        await dashboard.SignInAsync(page);
        await dashboard.GotoAsync(page, "/health");

        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/v1/tasks')).status");

        Assert.Equal(200, status);
        await page.Context.CloseAsync();
    }
}
