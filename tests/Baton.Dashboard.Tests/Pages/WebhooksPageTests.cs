using Baton.Dashboard.Tests.Browser;
using Baton.EndToEnd.Tests.Harness;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>The Webhooks page: an endpoint, its deliveries, and a delivery sent again from the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebhooksPageTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Redeliver_ClickedOnADelivery_TheReceiverGetsItAgain()
    {
        browser.SkipIfMissing();
        using var receiver = new ForeignSite();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 1);
        var added = await dashboard.Home.RunAsync("webhook", "add", $"{receiver.Origin}/hook", "--events", "task.completed");
        Assert.True(added.ExitCode == 0, added.ToString());
        var task = await dashboard.Home.AddAsync("--", "sh", "-c", "echo delivered");
        await dashboard.Home.WaitTerminalAsync(task, TimeSpan.FromSeconds(20));
        await Eventually.True(() => receiver.Posts == 1, TimeSpan.FromSeconds(20), "the first delivery");
        var page = await browser.NewPageAsync();
        await dashboard.OpenAsync(page, "#/webhooks");

        var delivery = page.GetByTestId("delivery-row");
        await Expect(page.GetByTestId("webhook-row")).ToContainTextAsync(receiver.Origin, new() { Timeout = (float)DashboardDaemon.Shown.TotalMilliseconds });
        await Expect(delivery).ToContainTextAsync("task.completed", new() { Timeout = (float)DashboardDaemon.Shown.TotalMilliseconds });
        await delivery.GetByTestId("redeliver").ClickAsync();

        await Expect(page.GetByTestId("notice-success")).ToContainTextAsync("queued again");
        await Eventually.True(() => receiver.Posts == 2, TimeSpan.FromSeconds(20), "the delivery to be sent again");
        await page.Context.CloseAsync();
    }
}
