using System.Net;
using System.Text;
using System.Text.Json;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Microsoft.Playwright;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 23. The dashboard in chromium against a real <c>baton serve</c> holding 10,000 tasks and 200 workflows: first
/// meaningful paint of <c>/</c>, an added task to its row on screen, frames per second while 50 tasks stream their
/// logs, and the compressed size of what <c>/</c> loads. Runs only when named: it needs chromium.
/// </summary>
internal sealed class DashboardLoad(TimeProvider time) : IScenario
{
    private const int Tasks = 10_000;
    private const int Workflows = 200;
    private const int TasksPerWorkflow = 10;
    private const int Streaming = 50;
    private const int LoadWarmUp = 2;
    private const int Loads = 9;
    private const int EventWarmUp = 5;
    private const int Events = 30;
    private const double TargetPaint = 300;
    private const double TargetEvent = 250;
    private const double TargetFps = 30;
    private const long TargetAssets = 300 * 1024;
    private static readonly TimeSpan FrameWindow = TimeSpan.FromSeconds(5);

    public string Name => "dashboard";

    public string Title => "23. The dashboard in chromium with 10,000 tasks and 200 workflows stored";

    public TimeSpan ExtraTime => TimeSpan.FromMinutes(3);

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        using var directory = BenchDirectory.Create(Name);
        var home = directory.Subdirectory("home");
        var work = directory.Subdirectory("work");
        await DashboardStore.FillAsync(Path.Combine(home, "baton.db"), work, Tasks, Workflows, TasksPerWorkflow, time.GetUtcNow().AddDays(-30), cancellationToken);
        await using var rest = await RestDaemon.StartAsync(home, ["serve", "--workers", Streaming.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string>(), time, cancellationToken);
        var baseUrl = rest.Http.BaseAddress!.ToString().TrimEnd('/');

        var (paints, loaded) = await FirstPaintsAsync(browser, baseUrl);
        var assets = await CompressedSizeAsync(rest.Http, loaded, cancellationToken);
        var events = await EventToScreenAsync(browser, baseUrl, work);
        var (homeFps, homeLongest, taskFps, taskLongest) = await StreamingFramesAsync(browser, rest, baseUrl, work, cancellationToken);

        await rest.Daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var paint = Distribution.Median(paints);
        var shown = Distribution.Of(events);
        var shownP95 = Distribution.Percentile(events, 95);
        return new ScenarioReport(Title)
            .Add("stored", $"{Units.Count(Tasks)} tasks, {Units.Count(Workflows)} workflows of {TasksPerWorkflow} tasks")
            .Add(Figure.AtMost($"first meaningful paint of / (median of {Loads} cold loads)", paint, TargetPaint, Units.Duration))
            .Add("first paint, fastest / slowest load", $"{Units.Duration(paints.Min())} / {Units.Duration(paints.Max())}")
            .Add(Figure.AtMost($"task added over REST → its row painted, p50 ({Events} samples)", shown.P50, TargetEvent, Units.Duration))
            .Add(Figure.AtMost("task added over REST → its row painted, p95", shownP95, TargetEvent, Units.Duration))
            .Add(Figure.AtLeast($"frames per second on / with {Streaming} tasks streaming", homeFps, TargetFps, f => $"{f:0.0} fps"))
            .Add("longest frame on / while streaming", Units.Duration(homeLongest))
            .Add(Figure.AtLeast("frames per second on a streaming task's page", taskFps, TargetFps, f => $"{f:0.0} fps"))
            .Add("longest frame on the task page while streaming", Units.Duration(taskLongest))
            .Add(Figure.AtMost($"what / loads, gzip ({string.Join(", ", assets.Files)})", assets.Bytes, TargetAssets, b => $"{b / 1024:0.0} KB"))
            .Note("chromium headless on loopback; every load in a fresh browser context (empty cache). Paint = the animation frame after the first task row "
                + "is in the document, from navigation start. Event: POST /api/v1/tasks from the open Work page to the frame that paints the new row (SSE event, "
                + $"first-page refetch, render), one every 400 ms after {EventWarmUp} warm-ups. Frames: requestAnimationFrame counted for {FrameWindow.TotalSeconds:0} s "
                + $"while {Streaming} command tasks each write 20 log lines a second");
    }

    private async Task<(List<double> Paints, List<string> Loaded)> FirstPaintsAsync(DashboardBrowser browser, string baseUrl)
    {
        var paints = new List<double>();
        var loaded = new List<string>();
        for (var i = 0; i < LoadWarmUp + Loads; i++)
        {
            var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.AddInitScriptAsync(DashboardScripts.FirstRows);
            if (i == 0)
            {
                page.Request += (_, request) =>
                {
                    var path = new Uri(request.Url).AbsolutePath;
                    if (!path.StartsWith("/api/", StringComparison.Ordinal))
                    {
                        loaded.Add(path);
                    }
                };
            }

            await page.GotoAsync(baseUrl + "/");
            await page.WaitForFunctionAsync("() => window.__batonPainted !== undefined", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
            var painted = await page.EvaluateAsync<double>("() => window.__batonPainted");
            if (i >= LoadWarmUp)
            {
                paints.Add(painted);
            }

            await context.CloseAsync();
        }

        return (paints, loaded);
    }

    private static async Task<(long Bytes, IReadOnlyList<string> Files)> CompressedSizeAsync(HttpClient http, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        long total = 0;
        var files = new List<string>();
        foreach (var path in paths.Distinct())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            using var response = await http.SendAsync(request, cancellationToken);
            var bytes = (await response.Content.ReadAsByteArrayAsync(cancellationToken)).LongLength;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
            }

            total += bytes;
            files.Add($"{path} {bytes / 1024.0:0.0} KB{(response.Content.Headers.ContentEncoding.Contains("gzip") ? string.Empty : " uncompressed")}");
        }

        return (total, files);
    }

    private async Task<List<double>> EventToScreenAsync(DashboardBrowser browser, string baseUrl, string work)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/#/work");
        await page.WaitForSelectorAsync("[data-testid=task-row]");
        await page.WaitForSelectorAsync("[data-testid=conn-state][data-state=live]");
        var samples = new List<double>();
        for (var i = 0; i < EventWarmUp + Events; i++)
        {
            // Apart by more than the page's refetch interval, so each event meets a quiet page as a person's would.
            await Task.Delay(TimeSpan.FromMilliseconds(400), time);
            var ms = await page.EvaluateAsync<double>(DashboardScripts.AddAndSee, new object[] { $"bench-event-{i}", work });
            if (i >= EventWarmUp)
            {
                samples.Add(ms);
            }
        }

        await context.CloseAsync();
        return samples;
    }

    private async Task<(double HomeFps, double HomeLongest, double TaskFps, double TaskLongest)> StreamingFramesAsync(
        DashboardBrowser browser, RestDaemon rest, string baseUrl, string work, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var i = 0; i < Streaming; i++)
        {
            var body = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["name"] = $"streaming-{i}",
                ["command"] = new[] { "sh", "-c", "i=0; while [ $i -lt 1200 ]; do echo \"line $i: compiling module $i of the build\"; i=$((i+1)); sleep 0.05; done" },
                ["working_directory"] = work,
            });
            var created = await rest.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = new StringContent(body, Encoding.UTF8, "application/json") },
                HttpStatusCode.Created, cancellationToken);
            using var json = JsonDocument.Parse(created);
            ids.Add(json.RootElement.GetProperty("task_id").GetString()!);
        }

        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/");
        await page.WaitForFunctionAsync(
            $"() => document.querySelectorAll('[data-testid=task-row][data-status=running]').length >= {Streaming}", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        var home = await page.EvaluateAsync<double[]>(DashboardScripts.Frames, FrameWindow.TotalMilliseconds);
        await page.GotoAsync($"{baseUrl}/#/tasks/{ids[0]}");
        await page.WaitForSelectorAsync("[data-testid=task-page]");
        var task = await page.EvaluateAsync<double[]>(DashboardScripts.Frames, FrameWindow.TotalMilliseconds);
        await context.CloseAsync();
        foreach (var id in ids)
        {
            using var cancelled = await rest.Http.PostAsync($"/api/v1/tasks/{id}/cancel", content: null, cancellationToken);
        }

        return (home[0], home[1], task[0], task[1]);
    }
}
