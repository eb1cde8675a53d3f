using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Baton.Dashboard.Tests.Browser;

/// <summary>
/// A FIFO named <c>gate</c> in a task's working directory: a task running <see cref="Script"/> waits at it until the
/// test lets it end, so a test decides when a task ends relative to what a page is loading.
/// </summary>
internal sealed class FifoGate
{
    /// <summary>The shell script of a task that ends once the gate opens.</summary>
    public const string Script = "read line < gate";

    private readonly string path;
    private readonly object opening = new();
    private Task? opened;

    public FifoGate(string directory)
    {
        path = Path.Combine(directory, "gate");
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.True(mkfifo.ExitCode == 0, $"mkfifo {path} exited {mkfifo.ExitCode}");
    }

    /// <summary>True once a held response let the task end and its task.completed reached the page.</summary>
    public bool Opened => opened is { IsCompletedSuccessfully: true };

    /// <summary>
    /// Holds every response to <paramref name="url"/> that shows the gated task (<paramref name="taskIdOf"/> finds its
    /// id in the body) until the task has ended and the page has been sent its task.completed: the page then lands a
    /// status that its events have already passed.
    /// </summary>
    public Task HoldResponsesShowingItAsync(IPage page, Regex url, Func<JsonElement, string?> taskIdOf) =>
        page.RouteAsync(url, async route =>
        {
            var response = await route.FetchAsync();
            if (await response.JsonAsync() is { } body && taskIdOf(body) is { } taskId)
            {
                lock (opening)
                {
                    opened ??= OpenAsync(page, path, taskId);
                }

                await opened;
            }

            await route.FulfillAsync(new() { Response = response });
        });

    /// <summary>Lets the task read its line and end, then waits until the daemon has sent its task.completed to the page.</summary>
    private static async Task OpenAsync(IPage page, string path, string taskId)
    {
        // Opening a FIFO to write waits for its reader: the task, once it runs.
        await Task.Run(() => File.WriteAllText(path, "go\n"));
        await page.EvaluateAsync(
            """
            id => new Promise(resolve => {
              const source = new EventSource('/api/v1/events?after=0');
              source.addEventListener('task.completed', m => {
                if (JSON.parse(m.data).task_id === id) { source.close(); resolve(); }
              });
            })
            """,
            taskId).WaitAsync(TimeSpan.FromSeconds(30));
    }
}
