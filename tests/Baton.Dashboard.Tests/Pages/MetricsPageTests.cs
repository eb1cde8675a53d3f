using Baton.Dashboard.Tests.Browser;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>The Metrics page draws the day's runs from GET /api/v1/stats, lists the failure modes, and passes axe in both themes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MetricsPageTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Metrics_OneSuccessOneFailure_ChartsTablesAndFailureModeShownWithoutSeriousViolations()
    {
        browser.SkipIfMissing();
        await using var dashboard = await DashboardDaemon.StartAsync(workers: 2);
        var workflow = await dashboard.RunWorkflowAsync("""
            name: Stats
            failure_policy: continue
            phases:
              - id: work
                tasks:
                  - name: good
                    command: 'echo fine'
                  - name: bad
                    command: 'exit 3'
                    max_retries: 0
            """);
        await Baton.EndToEnd.Tests.Harness.Eventually.True(
            async () => (await dashboard.WorkflowAsync(workflow)).GetProperty("status").GetString() is "completed" or "failed",
            TimeSpan.FromSeconds(30), "the workflow to end");
        var found = new List<string>();

        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await browser.NewPageAsync(scheme);
            await dashboard.OpenAsync(page, "#/metrics");

            await Expect(page.GetByTestId("metrics-total")).ToContainTextAsync("2 runs · 50 % succeeded", new() { Timeout = (float)DashboardDaemon.Shown.TotalMilliseconds });
            await Expect(page.GetByTestId("metrics-day")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("metrics-day")).ToContainTextAsync(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.GetByTestId("metrics-failure")).ToContainTextAsync("exit_code_3");
            await Expect(page.Locator("[data-testid=chart-throughput] canvas")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=chart-cost] canvas")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("nav-metrics")).ToHaveAttributeAsync("aria-current", "page");
            var result = await page.RunAxe();
            found.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{scheme}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}"));
            if (scheme == ColorScheme.Light)
            {
                await Screenshots.SaveAsync(page, "metrics");
            }

            await page.Context.CloseAsync();
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
