using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Daemon;

/// <summary>
/// A full disk, for real (a 1 MiB tmpfs, mounted as root): under the logs, an attempt fails with a message that says
/// so and the daemon keeps running; under the store, REST answers 507 and the CLI exits 5, with the same message.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly List<IDisposable> cleanup = [];

    [SkippableFact]
    public async Task Attempt_LogOnAFullDisk_FailsSayingTheDiskIsFullAndTheDaemonKeepsRunning()
    {
        Skip.IfNot(SmallFilesystem.CanMount, "mounting a small filesystem needs root, on a machine or container that allows it");
        var disk = Keep(new SmallFilesystem("1m"));
        var database = Keep(new BatonHome()).DatabasePath;
        var home = Keep(new BatonHome(dir: disk.Dir, environment: new Dictionary<string, string> { ["BATON_DB"] = database }));
        using var daemon = await home.StartDaemonAsync();

        // Three MiB of output into a log on a one-MiB disk.
        var id = await home.AddAsync("--no-start", "--max-retries", "0", "--", "sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' x; echo done");
        var status = (await home.WaitTerminalAsync(id, Bound))!.Value;

        Assert.Equal("failed", status.GetProperty("status").GetString());
        var error = status.GetProperty("error").GetString()!;
        Assert.Contains($"the disk holding '{Path.Combine(disk.Dir, "logs", id)}' is full", error, StringComparison.Ordinal);
        Assert.DoesNotContain("signal 13", error, StringComparison.Ordinal);
        Assert.False(daemon.HasExited, daemon.Output);
        await Eventually.True(() => daemon.Output.Contains("is full", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the daemon to log the full disk");
        Assert.Equal(0, (await home.RunAsync("task", "list")).ExitCode);
    }

    [SkippableFact]
    public async Task Store_OnAFullDisk_RestAnswers507AndCliExits5WithTheMessage()
    {
        Skip.IfNot(SmallFilesystem.CanMount, "mounting a small filesystem needs root, on a machine or container that allows it");
        var disk = Keep(new SmallFilesystem("1m"));
        var database = Path.Combine(disk.Dir, "baton.db");
        var home = Keep(new BatonHome(environment: new Dictionary<string, string> { ["BATON_DB"] = database }));
        using var daemon = await home.StartDaemonAsync();
        using var http = new HttpClient { BaseAddress = new Uri(await DaemonUrl.ReadAsync(home)), Timeout = TimeSpan.FromSeconds(30) };
        disk.Fill();

        // Pages freed by checkpoints can take a few small writes; larger tasks soon need pages the disk does not have.
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            var response = await http.PostAsJsonAsync("/api/v1/tasks", new
            {
                command = new[] { "true" },
                working_directory = home.Work,
                run_at = "2099-01-01T00:00:00Z",
                // Metadata values are capped at 4 KiB each: four of them make a 16 KiB task.
                metadata = Enumerable.Range(1, 4).ToDictionary(n => $"padding{n}", _ => new string('p', 4000)),
            });
            if (response.IsSuccessStatusCode)
            {
                response.Dispose();
                continue;
            }

            refused = Keep(response);
        }

        Assert.NotNull(refused);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
        Assert.Contains($"the disk holding '{database}' is full", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The daemon's checkpoints may free a few pages again in between; the CLI soon meets the full disk too.
        var padding = Enumerable.Range(1, 4).SelectMany(n => new[] { "--metadata", $"padding{n}={new string('p', 4000)}" }).ToList();
        var add = await home.RunAsync(["task", "add", "--no-start", "--run-at", "+1h", .. padding, "--", "true"]);
        for (var i = 0; i < 20 && add.ExitCode == 0; i++)
        {
            add = await home.RunAsync(["task", "add", "--no-start", "--run-at", "+1h", .. padding, "--", "true"]);
        }

        Assert.Equal(5, add.ExitCode);
        Assert.Contains($"the disk holding '{database}' is full", add.Stderr, StringComparison.Ordinal);
        Assert.False(daemon.HasExited, daemon.Output);
    }

    private T Keep<T>(T disposable)
        where T : IDisposable
    {
        cleanup.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        // Homes (and their daemons) first, then the filesystems under them.
        foreach (var item in Enumerable.Reverse(cleanup))
        {
            item.Dispose();
        }
    }
}
