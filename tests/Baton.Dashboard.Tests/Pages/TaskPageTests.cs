using System.Diagnostics;
using Baton.Dashboard.Tests.Browser;
using Baton.EndToEnd.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Baton.Dashboard.Tests.Pages;

/// <summary>
/// The Task page against a real daemon: the transcript follows a running task without a reload, whatever the task
/// printed stays text, and cancelling from the page stops the task's processes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TaskPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TaggedProcesses sleeps = new();
    private DashboardDaemon dashboard = null!;

    public async Task InitializeAsync() => dashboard = await DashboardDaemon.StartAsync(workers: 2);

    public async Task DisposeAsync()
    {
        await dashboard.DisposeAsync();
        sleeps.Dispose();
    }

    [SkippableFact]
    public async Task Transcript_WhileTheTaskRuns_ShowsNewOutputWithoutAReload()
    {
        browser.SkipIfMissing();
        var gate = Path.Combine(dashboard.Home.Work, "go-on");
        var id = await dashboard.Home.AddAsync("--no-start", "--name", "streamer", "--", "sh", "-c",
            $"echo first-line-of-output; while [ ! -f {gate} ]; do sleep 0.05; done; echo second-line-of-output");
        var page = await browser.NewPageAsync();
        var errors = DashboardBrowser.RecordErrors(page);
        await DashboardBrowser.OpenAsync(page, dashboard.Home, $"#/tasks/{id}");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        await Expect(page.GetByTestId("task-status")).ToHaveAttributeAsync("data-status", "running", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("transcript")).ToContainTextAsync("first-line-of-output", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("transcript")).Not.ToContainTextAsync("second-line-of-output");
        await File.WriteAllTextAsync(gate, "");

        await Expect(page.GetByTestId("transcript")).ToContainTextAsync("second-line-of-output", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("task-status")).ToHaveAttributeAsync("data-status", "completed");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        await page.GetByTestId("show-raw").ClickAsync();
        await Expect(page.GetByTestId("raw-log")).ToContainTextAsync("second-line-of-output");
        await Expect(page.GetByTestId("attempt")).ToHaveCountAsync(1);
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Transcript_WithMarkupInTheOutput_RendersItAsText()
    {
        browser.SkipIfMissing();
        const string Script = "<script>alert('script ran')</script>";
        const string Image = "<img src=x onerror=\"alert('onerror ran')\">";
        const string Bold = "<b id=injected>bold</b>";
        var id = await dashboard.Home.AddAsync("--no-start", "--name", "markup", "--", "sh", "-c",
            $"printf '%s\\n' \"$1\" \"$2\" \"$3\"", "sh", Script, Image, Bold);
        Assert.Equal("completed", (await dashboard.Home.WaitTerminalAsync(id, Deadline))!.Value.GetProperty("status").GetString());
        var page = await browser.NewPageAsync();
        var dialogs = DashboardBrowser.RecordDialogs(page);
        await DashboardBrowser.OpenAsync(page, dashboard.Home, $"#/tasks/{id}");

        var transcript = page.GetByTestId("transcript");
        await Expect(transcript).ToContainTextAsync(Script, new() { Timeout = 15_000 });
        await Expect(transcript).ToContainTextAsync(Image);
        await page.GetByTestId("show-raw").ClickAsync();
        await Expect(page.GetByTestId("raw-log")).ToContainTextAsync(Image);

        Assert.Equal(0, await page.Locator("main script, main img, #injected").CountAsync());
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Changes_OfATaskThatCommitsInItsRepository_ShowsTheFileTheCommitAndTheDiff()
    {
        browser.SkipIfMissing();
        var repository = Directory.CreateDirectory(Path.Combine(dashboard.Home.Work, "repo")).FullName;
        Git(repository, "init", "-q", "-b", "main");
        await File.WriteAllTextAsync(Path.Combine(repository, "README"), "start\n");
        Git(repository, "add", "README");
        Git(repository, "-c", "user.name=Tester", "-c", "user.email=tester@example.com", "commit", "-qm", "start");
        var id = await dashboard.Home.AddAsync("--no-start", "--name", "committer", "--cwd", repository, "--", "sh", "-c",
            "printf 'hello <b>there</b>\\n' > greeting.txt && git add greeting.txt && git -c user.name=Tester -c user.email=tester@example.com commit -qm 'Add a greeting'");
        Assert.Equal("completed", (await dashboard.Home.WaitTerminalAsync(id, Deadline))!.Value.GetProperty("status").GetString());
        var page = await browser.NewPageAsync();
        await DashboardBrowser.OpenAsync(page, dashboard.Home, $"#/tasks/{id}");

        var changes = page.GetByTestId("task-changes");
        await Expect(changes.GetByTestId("changed-file")).ToHaveCountAsync(1);
        await Expect(changes.GetByTestId("changed-file")).ToContainTextAsync("greeting.txt");
        await Expect(changes.GetByTestId("commit")).ToContainTextAsync("Add a greeting");
        await Expect(changes.GetByTestId("task-diff")).ToContainTextAsync("+hello <b>there</b>");
        Assert.Equal(0, await page.Locator("main b").CountAsync());
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Cancel_FromThePage_StopsTheTasksProcesses()
    {
        browser.SkipIfMissing();
        var id = await dashboard.Home.AddAsync("--no-start", "--name", "long-sleeper", "--", "sh", "-c", $"sleep {sleeps.Tag}; echo never");
        await Eventually.True(() => sleeps.Alive().Count > 0, Deadline, "the task's sleep to start");
        var page = await browser.NewPageAsync();
        await DashboardBrowser.OpenAsync(page, dashboard.Home, $"#/tasks/{id}");
        await Expect(page.GetByTestId("task-status")).ToHaveAttributeAsync("data-status", "running");

        await page.GetByTestId("cancel").ClickAsync();
        await page.GetByTestId("cancel-confirm").ClickAsync();

        await Expect(page.GetByTestId("task-status")).ToHaveAttributeAsync("data-status", "cancelled", new() { Timeout = 15_000 });
        await Eventually.True(() => sleeps.Alive().Count == 0, Deadline, "the task's sleep to be stopped");
        Assert.Equal("cancelled", (await dashboard.Home.StatusAsync(id)).GetProperty("status").GetString());
        await Expect(page.GetByTestId("cancel")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("retry")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private static void Git(string repository, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardError = true, RedirectStandardOutput = true };
        // The repository's history is older than the task: git dates commits to the second, as it does the window.
        start.Environment["GIT_AUTHOR_DATE"] = "2020-01-01T00:00:00Z";
        start.Environment["GIT_COMMITTER_DATE"] = "2020-01-01T00:00:00Z";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {git.StandardError.ReadToEnd()}");
    }
}
